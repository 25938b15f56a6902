package org.peakpilot.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

class InputErrorTextsTests {

	private final InputErrorTexts texts = new InputErrorTexts(messages());

	private static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource m = new ResourceBundleMessageSource();
		m.setBasenames("messages/platform", "messages/accounting", "messages/projects");
		m.setDefaultEncoding("UTF-8");
		m.setFallbackToSystemLocale(false);
		return m;
	}

	@AfterEach
	void resetLocale() {
		LocaleContextHolder.resetLocaleContext();
	}

	@Test
	void translatesKnownImportErrorsKeepingTheirValues() {
		LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		assertThat(texts.message("'abc' is not a number")).isEqualTo("“abc”不是数字");
		assertThat(texts.message("a month is a whole number from 1 to 12, got 13")).isEqualTo("月份应为 1 到 12 的整数，实际为 13");
		assertThat(texts.message("no factor 'COAL-X' in force in 2023")).isEqualTo("2023 年没有有效的因子“COAL-X”");
		assertThat(texts.message("at most 200 characters, got 201")).isEqualTo("最多 200 个字符，实际 201 个");
		assertThat(texts.message("the formula =A1*2 has no calculated value: open the file in Excel and save it, or type the value"))
			.isEqualTo("公式 =A1*2 没有计算结果：请在 Excel 中打开并保存文件，或直接填写数值");
		assertThat(texts.message("month 3 cannot be imported: report 7 is SUBMITTED: only a draft or returned report can be changed"))
			.isEqualTo("3 月无法导入：报告 7 的状态为已提交，只有草稿或已退回的报告可以修改");
		assertThat(texts.message("report 8 is LOCKED: only a draft or returned report can be changed; revise it with a reason"))
			.isEqualTo("报告 8 的状态为已锁定，只有草稿或已退回的报告可以修改；已锁定的报告请填写原因后修订");
	}

	@Test
	void translatesTheAdmissionAndProjectLibraryErrorsKeepingTheirFigures() {
		LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		// required / empty / a choice of codes
		assertThat(texts.message("is required")).isEqualTo("必填");
		assertThat(texts.message("required")).isEqualTo("必填");
		assertThat(texts.message("is empty")).isEqualTo("不能为空");
		assertThat(texts.message("required: ADMIT, REJECT or ROUTE_UP")).isEqualTo("必填，可选：ADMIT, REJECT or ROUTE_UP");
		assertThat(texts.message("is required: one of [NEW, EXPANSION, REVAMP]")).isEqualTo("必填，可选：NEW, EXPANSION, REVAMP");
		assertThat(texts.message("is required without owner_enterprise_id")).isEqualTo("未选择业主企业时须填写业主名称");
		// years and dates
		assertThat(texts.message("must be a year from 1990 to 2100")).isEqualTo("应为 1990 至 2100 年之间的年份");
		assertThat(texts.message("must be a year such as 2027, got 27.5")).isEqualTo("应为年份（如 2027），实际为 27.5");
		assertThat(texts.message("must not be before construction_start_year")).isEqualTo("不能早于开工年份");
		assertThat(texts.message("must not be before the admission (2026-03-02)")).isEqualTo("不能早于准入日期（2026-03-02）");
		assertThat(texts.message("must not be after today (2026-12-06)")).isEqualTo("不能晚于今天（2026-12-06）");
		assertThat(texts.message("must not lie before start_year 2027")).isEqualTo("不能早于开始年份 2027");
		assertThat(texts.message("must lie between the latest entry's date 2026-05-01 and today 2026-12-06"))
			.isEqualTo("应在上次填报日期 2026-05-01 与今天 2026-12-06 之间");
		// amounts and counts
		assertThat(texts.message("at most the total investment 12500.5 万元")).isEqualTo("不能超过总投资 12500.5 万元");
		assertThat(texts.message("must be below 1000000000000, got 2E+12")).isEqualTo("应小于 1000000000000，实际为 2E+12");
		assertThat(texts.message("at most 4 decimals, got 1.23456")).isEqualTo("最多保留 4 位小数，实际为 1.23456");
		assertThat(texts.message("at most 20 products")).isEqualTo("最多 20 种产品");
		assertThat(texts.message("at most 500 characters")).isEqualTo("最多 500 个字符");
		assertThat(texts.message("must not be above output_value_10k_cny")).isEqualTo("不能高于工业总产值");
		// codes of the plan and the registry
		assertThat(texts.message("is not a domain of the plan (1–10), got 11")).isEqualTo("不是规划的重点领域（1–10），实际为 11");
		assertThat(texts.message("'交通' is not a domain of the plan (1–10 or its name)")).isEqualTo("“交通”不是规划的重点领域（请填 1–10 或领域名称）");
		assertThat(texts.message("'开工' is not a stage: 储备, 在建, 建成 or 投运")).isEqualTo("“开工”不是有效的阶段，应为储备、在建、建成或投运");
		assertThat(texts.message("park SHAWAN-EDZ lies in county 511111, not in 511102")).isEqualTo("园区 SHAWAN-EDZ 位于区县 511111，不在 511102");
		assertThat(texts.message("unknown county; one of [511102, 511111]")).isEqualTo("未知区县，可选：511102, 511111");
		assertThat(texts.message("unit not allowed: C2611 is stated in t")).isEqualTo("单位不可用：产品 C2611 以 t 计量");
		// documents
		assertThat(texts.message("must be a PDF, PNG or JPEG document")).isEqualTo("文件须为 PDF、PNG 或 JPEG 格式");
		assertThat(texts.message("at most 10 MiB, got 10241 KiB")).isEqualTo("文件最大 10 MiB，当前为 10241 KiB");
		// the green review names the evaluation's outcome in Chinese
		assertThat(texts.message("is required: the evaluation is NOT_MET, say why it is listed anyway")).isEqualTo("评价结论为“有条件不满足”，仍要入库须说明理由");
		// the rules before them keep their translations (not shadowed)
		assertThat(texts.message("at most 200 characters, got 201")).isEqualTo("最多 200 个字符，实际 201 个");
		assertThat(texts.message("must lie between 2000 and 2100, got 1999")).isEqualTo("应在 2000 与 2100 之间，实际为 1999");
		assertThat(texts.message("'x' is not a number")).isEqualTo("“x”不是数字");
	}

	@Test
	void translatesTheMessageOfAFieldAndMessageLine() {
		LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		assertThat(texts.line("multiplier: 'abc' is not a number")).isEqualTo("multiplier: “abc”不是数字");
		assertThat(texts.line("the file is empty")).isEqualTo("文件为空");
		assertThat(texts.line(new InputError(3, "F (倍率 Multiplier)", "'x' is not a number"))).isEqualTo("第 3 行, F (倍率 Multiplier): “x”不是数字");
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(texts.line(new InputError(3, "multiplier", "'x' is not a number"))).isEqualTo("row 3, multiplier: 'x' is not a number");
	}

	@Test
	void keepsEnglishForEnglishReadersAndUnknownMessages() {
		LocaleContextHolder.setLocale(Locale.ENGLISH);
		assertThat(texts.message("'abc' is not a number")).isEqualTo("'abc' is not a number");
		LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
		assertThat(texts.message("something nobody wrote a translation for")).isEqualTo("something nobody wrote a translation for");
	}
}
