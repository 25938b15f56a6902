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
		m.setBasenames("messages/platform", "messages/accounting");
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
