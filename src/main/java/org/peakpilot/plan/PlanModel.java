package org.peakpilot.plan;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.media.Schema;

/** The published shapes of the plan module: items, targets, observations, progress. */
public final class PlanModel {

	private PlanModel() {
	}

	public enum Kind {
		INDICATOR, COMMITMENT
	}

	/** Which way is better: a higher value (shares), a lower one (intensities), or at most a cap (7–10). */
	public enum Direction {
		HIGHER, LOWER, CAP
	}

	public enum TargetType {
		/** A number stated in the plan. */
		VALUE,
		/** An upper limit stated in the plan ("≤ 4.03"). */
		CAP,
		/** 完成省下目标: the province sets it; the office enters the value. */
		PROVINCIAL
	}

	public enum Origin {
		ENTERED, IMPORTED, COMPUTED
	}

	/**
	 * Where an item stands. {@code PROVISIONAL} is no status: the latest value was computed from incomplete data,
	 * so it is not judged against a target at all (architecture rule 7).
	 */
	public enum Status {
		ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, TARGET_MISSING, PROVISIONAL
	}

	/**
	 * How complete the data behind a computed value is: {@code complete} by the plan's coverage rule
	 * ({@link CoverageRule}), {@code percent} the share of the expected data present (0–100, one decimal).
	 */
	public record Coverage(boolean complete, BigDecimal percent) {
	}

	/**
	 * When a computed city figure counts as complete, from the plan folder's {@code plan.properties}
	 * ({@code coverage.all-sectors-required}, {@code coverage.min-key-unit-months-percent}): every sector the
	 * enterprises do not cover entered (if required), and verified reports for at least that share of the key
	 * energy-using units' months.
	 */
	public record CoverageRule(boolean allSectorsRequired, BigDecimal minKeyUnitMonthsPercent) {
	}

	@Schema(description = "The plan this installation runs · 本平台运行的试点方案")
	public record PlanInfo(
			@Schema(example = "leshan", description = "The plan's code · 方案代码") String code,
			@Schema(description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(description = "Name, English · 名称（英文）") String nameEn,
			@Schema(example = "511100", description = "The city's region code (GB/T 2260) · 城市行政区划代码") String cityRegionCode,
			@Schema(example = "乐山市", description = "The city, Chinese · 城市名称（中文）") String cityNameZh,
			@Schema(example = "Leshan", description = "The city, English · 城市名称（英文）") String cityNameEn,
			@Schema(example = "2022", description = "The plan's baseline year · 基准年") int baselineYear,
			@Schema(example = "0.10", description = "How far a value may lag the straight path and still be AT_RISK rather than "
					+ "OFF_TRACK, as a fraction of 1 of the change the next target requires (0.10 is 10 %) · 判为“有风险”而非"
					+ "“偏离”时允许落后线性路径的幅度（占目标所需变化的比例，0.10 即 10%）") BigDecimal atRiskTolerance,
			@Schema(example = "1", description = "Version of the loaded plan folder, counted up on each change · 方案版本号") int version,
			@Schema(description = "When the plan folder was last loaded · 方案加载时间") Instant loadedAt) {

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public String cityName(Locale locale) {
			return english(locale) ? cityNameEn : cityNameZh;
		}
	}

	/**
	 * A target of an item for a year. For a provincial target {@code value} is the entered value, or {@code null}
	 * while none has been entered; {@code source} names the document it came from. A target stated in words
	 * ("2 zero-carbon parks; 1 port area") keeps them in {@code label}, and in Chinese in {@code labelZh} when the
	 * plan gives them.
	 */
	@Schema(description = "A target of an item for a year · 指标的年度目标")
	public record Target(
			@Schema(example = "2025", description = "The target year · 目标年份") int year,
			@Schema(description = "VALUE (a number of the plan), CAP (an upper limit) or PROVINCIAL (set by the province, "
					+ "entered by the office) · 目标类型：数值、上限或省下达") TargetType type,
			@Schema(example = "18.5", description = "The target, in the item's unit; absent for a provincial target not yet "
					+ "entered or a target in words · 目标值（按指标单位）") BigDecimal value,
			@Schema(description = "A target stated in words, English (\"2 zero-carbon parks\") · 文字目标（英文）") String label,
			@Schema(description = "A target stated in words, Chinese · 文字目标（中文）") String labelZh,
			@Schema(description = "The document a provincial target came from · 省下达目标的来源文件") String source) {

		public Target(int year, TargetType type, BigDecimal value, String label, String source) {
			this(year, type, value, label, null, source);
		}

		public boolean known() {
			return value != null;
		}

		/** The words of the target in the language asked for ("zh" or another), falling back to the other one. */
		public String label(String language) {
			if ("zh".equals(language)) {
				return labelZh != null ? labelZh : label;
			}
			return label != null ? label : labelZh;
		}
	}

	/** An indicator of the plan's table or another numeric commitment of its text. */
	@io.swagger.v3.oas.annotations.media.Schema(name = "PlanItem", description = "An indicator or commitment of the plan · 试点方案的指标或承诺")
	public record Item(
			@io.swagger.v3.oas.annotations.media.Schema(example = "1", description = "Code: the indicator's number (1–31) or the commitment's (C01…) · 编号") String code,
			@io.swagger.v3.oas.annotations.media.Schema(description = "INDICATOR (the plan's table) or COMMITMENT (a number in its text) · 指标或承诺") Kind kind,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Order within the plan · 排序") int seq,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The group's key · 分组键") String groupKey,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The group, Chinese · 分组（中文）") String groupZh,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The group, English · 分组（英文）") String groupEn,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Name, Chinese · 名称（中文）") String nameZh,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Name, English · 名称（英文）") String nameEn,
			@io.swagger.v3.oas.annotations.media.Schema(example = "%", description = "Unit, Chinese · 单位（中文）") String unitZh,
			@io.swagger.v3.oas.annotations.media.Schema(example = "%", description = "Unit of the values and targets (%, tCO2/10k CNY, tce, …) · 数值与目标的单位") String unit,
			@io.swagger.v3.oas.annotations.media.Schema(description = "HIGHER or LOWER is better, or CAP (at most the target) · 方向") Direction direction,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Baseline year · 基准年") Integer baselineYear,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Baseline value, in unit · 基准值") BigDecimal baselineValue,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Targets by year · 分年目标") List<Target> targets) {

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}

		public String group(Locale locale) {
			return english(locale) ? groupEn : groupZh;
		}

		public String unitLabel(Locale locale) {
			return english(locale) ? unit : unitZh;
		}

		public Target target(int year) {
			return targets.stream().filter(t -> t.year() == year).findFirst().orElse(null);
		}

		public boolean hasProvincialTargets() {
			return targets.stream().anyMatch(t -> t.type() == TargetType.PROVINCIAL);
		}
	}

	/**
	 * A value for a year with its lineage: who entered it, when, from which document, or what computed it. A
	 * computed value is {@code provisional} while its data is incomplete ({@code coveragePercent} of it present)
	 * and reaches the public only once published ({@code publishedAt}); an entered or imported value is the
	 * office's own figure from a named document and is public as entered.
	 */
	@Schema(description = "A yearly value of an item with its lineage · 指标年度数值及其来源")
	public record Observation(
			@Schema(description = "Id of this value · 数值编号") long id,
			@Schema(example = "1", description = "The item's code · 指标或承诺编号") String itemCode,
			@Schema(example = "2025", description = "The year the value is for · 数值所属年份") int year,
			@Schema(example = "3.2", description = "The value, in the item's unit · 数值（按指标单位）") BigDecimal value,
			@Schema(description = "ENTERED (by the office), IMPORTED (from the Excel template) or COMPUTED (by the platform) "
					+ "· 来源：录入、导入或计算") Origin origin,
			@Schema(description = "The document it comes from, or for a computed value the computation · 来源文件或计算方法") String sourceDocument,
			@Schema(description = "A remark · 备注") String note,
			@Schema(description = "For a computed value: the inputs it was computed from, as JSON text (may hold a link to "
					+ "the figures) · 计算值的数据来源（JSON 文本）") String lineage,
			@Schema(example = "city.officer", description = "User name of who entered it, or the computing actor · 录入人") String enteredBy,
			@Schema(description = "When it was recorded · 录入时间") Instant enteredAt,
			@Schema(description = "Id of the value this one replaced · 被本数值替换的数值编号") Long supersedesId,
			@Schema(description = "When a later value replaced this one; absent while current · 被替换时间（当前值为空）") Instant supersededAt,
			@Schema(description = "Computed from incomplete data: not judged against a target, not publishable · 是否为暂定值（数据不完整）") boolean provisional,
			@Schema(minimum = "0", maximum = "100", example = "87.5", description = "For a computed value: share of the expected "
					+ "data present, %, one decimal · 计算值的数据覆盖率（%）") BigDecimal coveragePercent,
			@Schema(description = "When the office published a computed value; absent while unpublished · 公布时间") Instant publishedAt,
			@Schema(description = "User name of who published it · 公布人") String publishedBy) {

		public Observation(long id, String itemCode, int year, BigDecimal value, Origin origin, String sourceDocument,
				String note, String lineage, String enteredBy, Instant enteredAt, Long supersedesId, Instant supersededAt) {
			this(id, itemCode, year, value, origin, sourceDocument, note, lineage, enteredBy, enteredAt, supersedesId,
					supersededAt, false, null, null, null);
		}

		public boolean current() {
			return supersededAt == null;
		}

		/** Whether the public may see it: entered and imported values always, computed ones once published. */
		public boolean published() {
			return origin != Origin.COMPUTED || publishedAt != null;
		}
	}

	/**
	 * Where an item stands. {@code percent} is the share of the change from the path's start to the next target
	 * achieved (0–100), {@code expected} the value the straight path asks for in the latest year; {@code reason}
	 * names the rule that decided, with up to three arguments.
	 */
	@io.swagger.v3.oas.annotations.media.Schema(description = "Where an item stands · 进展")
	public record Progress(
			@io.swagger.v3.oas.annotations.media.Schema(description = "ACHIEVED, ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, TARGET_MISSING; PROVISIONAL: computed from "
					+ "incomplete data, not judged · 进展状态") Status status,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Year of the latest value · 最新数值年份") Integer latestYear,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The latest value, in the item's unit · 最新数值（按指标单位）") BigDecimal latestValue,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The next target · 下一目标") Target nextTarget,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The value the straight path to the target asks for in the latest year, in the item's unit · 按线性路径当年应达值") BigDecimal expected,
			@io.swagger.v3.oas.annotations.media.Schema(minimum = "0", maximum = "100", description = "Share of the change to the next target achieved, % · 目标完成进度（%）") Integer percent,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The rule that decided (a message key) · 判定依据") String reason,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Up to three arguments of the rule · 判定参数") List<String> args) {
	}

	/** An item with its progress: one row of the cockpit. */
	@io.swagger.v3.oas.annotations.media.Schema(description = "An item with its progress: one row of the cockpit · 指标及其进展（驾驶舱一行）")
	public record Tracked(@io.swagger.v3.oas.annotations.media.Schema(description = "The item · 指标") Item item, @io.swagger.v3.oas.annotations.media.Schema(description = "Its progress · 进展") Progress progress) {
	}

	@Schema(description = "An admission control zone of the plan with its intensity cap · 准入管控区及其强度上限")
	public record Zone(
			@Schema(description = "The zone's code · 管控区代码") String code,
			@Schema(description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(description = "Name, English · 名称（英文）") String nameEn,
			@Schema(description = "The county it lies in, Chinese · 所在区县（中文）") String countyNameZh,
			@Schema(description = "The industry it admits, Chinese · 准入行业（中文）") String industryZh,
			@Schema(description = "The industry it admits, English · 准入行业（英文）") String industryEn,
			@Schema(example = "4.03", description = "Cap of a new project's carbon intensity, tCO2 per 10k CNY (吨/万元) "
					+ "· 新建项目碳排放强度上限，吨二氧化碳/万元") BigDecimal maxTco2Per10kCny,
			@Schema(example = "2025", description = "The year the cap applies from · 上限起始年份") int fromYear) {

		public String name(Locale locale) {
			return english(locale) ? nameEn : nameZh;
		}
	}

	@Schema(description = "A key-project domain of the plan · 重点项目领域")
	public record ProjectDomain(
			@Schema(example = "1", description = "The domain's number in the plan · 领域序号") int no,
			@Schema(description = "Name, Chinese · 名称（中文）") String nameZh,
			@Schema(description = "Name, English · 名称（英文）") String nameEn) {
	}

	static boolean english(Locale locale) {
		return locale != null && "en".equals(locale.getLanguage());
	}
}
