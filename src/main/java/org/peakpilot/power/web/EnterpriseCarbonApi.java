package org.peakpilot.power.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.power.IntensitySource;
import org.peakpilot.power.internal.GreenWindows;
import org.peakpilot.power.internal.HourlyCarbon;
import org.peakpilot.power.internal.IntensityViews;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** An enterprise's carbon by hour and its green windows over REST (staff; scoped like the pages). */
@RestController
@Tag(name = "power", description = "Electricity carbon and green power · 电碳图谱与绿电")
class EnterpriseCarbonApi {

	static final String FORMULA = "ΔCO2 [kg/day] = s × Σ_{h ∈ dirty} L_h × (CI_h − mean CI_green) ÷ 1000";

	private final HourlyCarbon carbon;
	private final GreenWindows windows;
	private final Clock clock;

	EnterpriseCarbonApi(HourlyCarbon carbon, GreenWindows windows, Clock clock) {
		this.carbon = carbon;
		this.windows = windows;
		this.clock = clock;
	}

	@Schema(name = "PowerYearFactor", description = "The official yearly grid factor applied to a Beijing year · 某年所用官方年度电网排放因子")
	record YearFactorView(
			@Schema(description = "Beijing year · 年度") int year,
			@Schema(description = "The factor's code in accounting's library, null if none applies · 因子代码（无则为空）", example = "GRID-SICHUAN-2023") String code,
			@Schema(description = "The factor's version · 因子版本", example = "1") Integer version,
			@Schema(description = "tCO2/MWh (= kgCO2/kWh) as the calculator applies it · 吨二氧化碳/兆瓦时", example = "0.1564") BigDecimal tPerMwh,
			@Schema(description = "Where the value comes from, with its verification tag · 数据来源") String source,
			@Schema(description = "Whether the tag counts as verified · 是否已核验") boolean verified,
			@Schema(description = "The calculator's notes (which year's factor was chosen) · 计算说明（所选因子年份）") List<String> notes) {
	}

	@Schema(name = "PowerCarbonHour", description = "One hour of an enterprise's electricity carbon · 企业某小时电力碳排放")
	record CarbonHourView(
			@Schema(description = "The hour's start (ISO, UTC) · 小时起点") Instant hour,
			@Schema(description = "Metered electricity, kWh; null without readings · 计量电量（千瓦时）") BigDecimal kwh,
			@Schema(description = "Consumption intensity used, gCO2/kWh; null without one · 所用消费侧碳强度（克/千瓦时）") BigDecimal gPerKwh,
			@Schema(description = "The zone whose intensity was used (county code or grid) · 所用强度的区域") String zone,
			@Schema(description = "MEASURED or MODELLED intensity · 实测或模型补齐") IntensitySource source,
			@Schema(description = "Whether the intensity is made-up demo data · 是否为示例（虚构）数据") boolean synthetic,
			@Schema(description = "kgCO2 by the hourly intensity (kWh × g/kWh ÷ 1000) · 按逐时强度的排放（千克）") BigDecimal hourlyKg,
			@Schema(description = "kgCO2 by the yearly factor (kWh × tCO2/MWh) · 按年度因子的排放（千克）") BigDecimal yearlyKg,
			@Schema(description = "What is missing: NO_INTENSITY, NO_READINGS, INCOMPLETE_READINGS · 缺失情况") List<HourlyCarbon.HourFlag> flags) {
	}

	@Schema(name = "PowerCarbonTotals", description = "Totals of an enterprise's hourly carbon · 企业逐时碳排放合计")
	record TotalsView(
			@Schema(description = "Metered electricity, kWh · 计量电量（千瓦时）") BigDecimal kwh,
			@Schema(description = "kWh of the hours that have an intensity · 有碳强度小时的电量（千瓦时）") BigDecimal kwhMatched,
			@Schema(description = "tCO2 by the hourly intensity (hours with an intensity) · 按逐时强度的排放（吨）") BigDecimal hourlyT,
			@Schema(description = "tCO2 by the yearly factor, all kWh · 按年度因子的排放（吨，全部电量）") BigDecimal yearlyT,
			@Schema(description = "tCO2 by the yearly factor over the same hours as hourlyT · 同口径按年度因子的排放（吨）") BigDecimal yearlyMatchedT,
			@Schema(description = "hourlyT − yearlyMatchedT, tCO2 · 差值（吨）") BigDecimal differenceT,
			@Schema(description = "differenceT ÷ yearlyMatchedT, a fraction (−0.1 is −10 %) · 差值占比") BigDecimal differenceShare,
			@Schema(description = "Hours in the range · 小时数") long hours,
			@Schema(description = "Hours without an intensity · 无碳强度小时数") long hoursWithoutIntensity,
			@Schema(description = "Hours without any reading · 无读数小时数") long hoursWithoutReadings,
			@Schema(description = "Hours with fewer readings than the meters promise or untrusted ones · 读数不全小时数") long hoursIncomplete,
			@Schema(description = "Hours whose intensity is MODELLED · 模型补齐小时数") long modelledHours,
			@Schema(description = "Hours whose intensity is made-up demo data · 示例（虚构）数据小时数") long syntheticHours,
			@Schema(description = "False when any hour lacks intensity or readings: the figures are then incomplete · 是否完整（否则数据不全）") boolean complete) {
	}

	@Schema(name = "PowerHourlyCarbon", description = "An enterprise's electricity carbon by hour beside the yearly-factor figure · 企业逐时电力碳排放与年度因子口径对比")
	record HourlyCarbonView(
			@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
			@Schema(description = "The enterprise's name · 企业名称") String enterpriseName,
			@Schema(description = "Range start, inclusive · 起（含）") Instant from,
			@Schema(description = "Range end, exclusive · 止（不含）") Instant to,
			@Schema(description = "The provincial grid zone · 省级电网区域", example = "SICHUAN") String gridZone,
			@Schema(description = "The enterprise's county zone (GB/T 2260) · 所在区县区域代码", example = "511102") String countyZone,
			@Schema(description = "Whether the county has its own intensities in the range (else the grid's apply) · 区县是否有本地强度") boolean countyData,
			@Schema(description = "Electricity meters counted · 计入的电表数") int meters,
			@Schema(description = "Electricity meters left out (unit not kWh, MWh or 万kWh) · 因单位未计入的电表数") int otherUnitMeters,
			@Schema(description = "The yearly factor per Beijing year of the range · 各年度所用年度因子") List<YearFactorView> factors,
			@Schema(description = "Totals · 合计") TotalsView totals,
			@Schema(description = "Every hour of the range in time order · 逐小时明细") List<CarbonHourView> hours) {
	}

	@GetMapping("/api/v1/power/enterprises/{id}/hourly-carbon")
	@Operation(operationId = "getEnterpriseHourlyCarbon", summary = "An enterprise's electricity carbon by hour · 企业逐时电力碳排放", description = """
			Metered electricity of each hour (the hourly rollups of the enterprise's ELECTRICITY meters, in kWh) × that hour's
			consumption intensity (the county's zone where it has a figure for the hour, else the provincial grid's), beside the same
			kWh × the official yearly grid factor of accounting's library (named with code and version). Hours without intensity or
			readings, or with incomplete readings, are flagged and counted; totals.complete is then false. from inclusive, to
			exclusive: ISO dates (Beijing midnight) or date-times with offset on whole hours; default the last full Beijing month;
			at most a year and a day (to ≤ from + 1 year + 1 day). An enterprise outside the caller's scope is 404.
			每小时计量电量（企业电表的小时汇总，千瓦时）× 该小时消费侧碳强度（区县有本地数据用区县，否则用省级电网），并列同一电量 × 核算因子库中官方年度电网因子（注明代码和版本）。
			无强度、无读数或读数不全的小时单独标注并计数，此时合计标为不完整。from 含、to 不含：ISO 日期（北京时间零点）或带时区的整点时间；默认上一个完整自然月（北京时间）；
			最长一年零一天。超出权限范围的企业返回 404。""")
	HourlyCarbonView hourlyCarbon(
			@Parameter(description = "The enterprise's id · 企业 ID", example = "42") @PathVariable long id,
			@Parameter(description = "Start, inclusive: a date (Beijing) or a whole-hour date-time with offset · 起（含）：日期或带时区整点时间", example = "2026-11-01")
			@RequestParam(required = false) String from,
			@Parameter(description = "End, exclusive: a date (Beijing) or a whole-hour date-time with offset · 止（不含）", example = "2026-12-01")
			@RequestParam(required = false) String to) {
		Instant[] range;
		if (from == null && to == null) {
			range = HourlyCarbon.lastFullMonth(clock.instant());
		}
		else {
			range = new Instant[] { instant("from", from), instant("to", to) };
		}
		HourlyCarbon.EnterpriseCarbon c = carbon.of(id, range[0], range[1]);
		HourlyCarbon.CarbonTotals t = c.totals();
		return new HourlyCarbonView(c.enterprise().id(), c.enterprise().name(), c.from(), c.to(), c.gridZone(), c.countyZone(), c.countyData(),
				c.meters(), c.otherUnitMeters(),
				c.factors().stream().map(f -> new YearFactorView(f.year(), f.code(), f.version(), f.tPerMwh(), f.source(), f.verified(), f.notes()))
					.toList(),
				new TotalsView(t.kwh(), t.kwhMatched(), t.hourlyT(), t.yearlyT(), t.yearlyMatchedT(), t.differenceT(), t.differenceShare(), t.hours(),
						t.hoursWithoutIntensity(), t.hoursWithoutReadings(), t.hoursIncomplete(), t.modelledHours(), t.syntheticHours(), t.complete()),
				c.hours().stream().map(h -> new CarbonHourView(h.hour(), h.kwh(), h.gPerKwh(), h.zone(), h.source(), h.synthetic(), h.hourlyKg(),
						h.yearlyKg(), h.flags())).toList());
	}

	@Schema(name = "PowerWindowHour", description = "One hour of a coming day in the seasonal profile · 未来某日某小时（季节性曲线）")
	record WindowHourView(
			@Schema(description = "Beijing hour of day 0–23 · 北京时间小时") int hour,
			@Schema(description = "The hour's start (ISO, UTC) · 小时起点") Instant start,
			@Schema(description = "Expected consumption intensity from the profile, gCO2/kWh; null without data · 曲线预期碳强度（克/千瓦时）") BigDecimal gPerKwh,
			@Schema(description = "GREEN (cleanest quarter), DIRTY (dirtiest quarter) or NORMAL · 绿色、高碳或一般时段") GreenWindows.WindowClass windowClass,
			@Schema(description = "Whether the hour has already passed · 是否已过去") boolean past) {
	}

	@Schema(name = "PowerWindowDay", description = "A coming day's green and dirty windows and the saving of shifting load · 未来某日的绿色/高碳时段及移峰减排")
	record WindowDayView(
			@Schema(description = "Beijing date · 日期") LocalDate day,
			@Schema(description = "The zone whose profile applies · 所用曲线的区域") String zone,
			@Schema(description = "The day's 24 hours · 24 小时") List<WindowHourView> hours,
			@Schema(description = "Green hours (Beijing hour of day) · 绿色时段（小时）") List<Integer> greenHours,
			@Schema(description = "Dirty hours (Beijing hour of day) · 高碳时段（小时）") List<Integer> dirtyHours,
			@Schema(description = "Mean intensity of the green hours, gCO2/kWh · 绿色时段平均强度（克/千瓦时）") BigDecimal greenMeanGPerKwh,
			@Schema(description = "The dirty window starts at this intensity, gCO2/kWh · 高碳时段门槛（克/千瓦时）") BigDecimal dirtyFromGPerKwh,
			@Schema(description = "kWh per day moved: s × Σ dirty-hour load; null without metered load · 每日转移电量（千瓦时）") BigDecimal shiftedKwh,
			@Schema(description = "kgCO2 saved per day; null without metered load · 每日减排（千克二氧化碳）") BigDecimal savingKg) {
	}

	@Schema(name = "PowerGreenWindows", description = "An enterprise's green windows for the coming days · 企业未来几日绿色用电时段")
	record GreenWindowsView(
			@Schema(description = "The enterprise's id · 企业 ID") long enterpriseId,
			@Schema(description = "When computed · 计算时间") Instant computedAt,
			@Schema(description = "The zone whose profile applies (county code or grid) · 所用曲线区域") String zone,
			@Schema(description = "Whether that is the county's own zone · 是否区县本地曲线") boolean countyZone,
			@Schema(description = "Electricity meters counted · 计入的电表数") int meters,
			@Schema(description = "s: the share of flexible load shifted, % (0–100) · 可调节负荷比例（%）") BigDecimal flexibleSharePct,
			@Schema(description = "Whether s is the enterprise's stored setting (else the default or the request's) · 是否为已保存设置") boolean shareStored,
			@Schema(description = "L_h: average metered kWh of each Beijing hour of day over the last 30 days (null: no data) · 近 30 天各小时平均用电（千瓦时）") List<BigDecimal> loadKwhByHour,
			@Schema(description = "Hours of metered load behind L_h · 负荷曲线的小时数") int loadHours,
			@Schema(description = "The coming days · 未来几日") List<WindowDayView> days,
			@Schema(description = "kgCO2 saved over all the days; null without metered load · 合计减排（千克）") BigDecimal totalSavingKg,
			@Schema(description = "The saving's formula · 减排计算公式") String formula,
			@Schema(description = "What the profile is: hour-of-day average of the same month over recent years, not a dispatch forecast · 曲线说明") String basis,
			@Schema(description = "Whether the profile rests on made-up demo data · 是否含示例（虚构）数据") boolean synthetic,
			@Schema(description = "Whether the profile includes MODELLED hours · 是否含模型补齐小时") boolean modelled) {
	}

	@GetMapping("/api/v1/power/enterprises/{id}/green-windows")
	@Operation(operationId = "getEnterpriseGreenWindows", summary = "An enterprise's green windows for the coming days · 企业未来几日绿色用电时段", description = """
			For today and the coming days (days 1–7, default 3), each Beijing hour's expected consumption intensity from the seasonal
			profile (the hour-of-day average of the same calendar month over the last 3 years of data; a profile, not a forecast of the
			dispatch), its cleanest quarter (GREEN) and dirtiest quarter (DIRTY), and the CO2 saved by shifting a share s of the
			enterprise's load from the dirty to the green hours: ΔCO2 = s × Σ_{h∈dirty} L_h × (CI_h − mean CI_green), L_h its average
			kWh at that hour over the last 30 days. s is the enterprise's stored flexible share (default 10 %) unless share is given.
			An estimate for a decision, not an accounting figure. An enterprise outside the caller's scope is 404.
			今天及未来几日（1–7 天，默认 3）每小时的预期消费侧碳强度，取自季节性曲线（近 3 年同月各小时平均值；为典型曲线，并非调度预测），
			最清洁的四分之一小时为绿色时段，最高的四分之一为高碳时段；将企业负荷的比例 s 从高碳时段移至绿色时段的减排：
			ΔCO2 = s × Σ 高碳小时 L_h × (CI_h − 绿色时段平均强度)，L_h 为近 30 天该小时平均用电。s 默认取企业已保存的可调节负荷比例（默认 10%），
			可用 share 参数临时指定。仅供决策参考，不作为核算数据。超出权限范围的企业返回 404。""")
	GreenWindowsView greenWindows(
			@Parameter(description = "The enterprise's id · 企业 ID", example = "42") @PathVariable long id,
			@Parameter(description = "Days from today, 1–7 · 天数（1–7）", example = "3", schema = @Schema(minimum = "1", maximum = "7"))
			@RequestParam(required = false) Integer days,
			@Parameter(description = "s for this answer only, % 0–100 (default: the stored share) · 临时指定可调节负荷比例（%）", example = "10",
					schema = @Schema(minimum = "0", maximum = "100")) @RequestParam(required = false) BigDecimal share) {
		GreenWindows.Windows w = windows.of(id, days == null ? 3 : days, share);
		return new GreenWindowsView(w.enterprise().id(), w.computedAt(), w.zone(), w.countyZone(), w.meters(), w.flexibleSharePct(), w.shareStored(),
				w.loadKwhByHour(), w.loadHours(),
				w.days().stream().map(d -> new WindowDayView(d.day(), d.zone(),
						d.hours().stream().map(h -> new WindowHourView(h.hour(), h.start(), h.gPerKwh(), h.windowClass(), h.past())).toList(),
						d.greenHours(), d.dirtyHours(), d.greenMeanGPerKwh(), d.dirtyFromGPerKwh(), d.shiftedKwh(), d.savingKg())).toList(),
				w.totalSavingKg(), FORMULA,
				"hour-of-day average of the same month's consumption intensity over the last " + GreenWindows.PROFILE_YEARS
						+ " years: a profile, not a forecast of the dispatch",
				w.synthetic(), w.modelled());
	}

	/** An ISO date (Beijing midnight) or an ISO date-time with offset. */
	static Instant instant(String field, String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidInputException(field, "give both from and to, or neither (default: the last full month)");
		}
		if (text.length() > 40) {
			throw new InvalidInputException(field, "an ISO date such as 2026-11-01 or a date-time such as 2026-11-01T00:00+08:00");
		}
		try {
			if (text.length() == 10) {
				LocalDate d = LocalDate.parse(text);
				if (d.getYear() < PowerMapPages.YEAR_MIN || d.getYear() > PowerMapPages.YEAR_MAX + 1) {
					throw new InvalidInputException(field, "a date in " + PowerMapPages.YEAR_MIN + "–" + PowerMapPages.YEAR_MAX);
				}
				return d.atStartOfDay(IntensityViews.BEIJING).toInstant();
			}
			OffsetDateTime t = OffsetDateTime.parse(text);
			if (t.getYear() < PowerMapPages.YEAR_MIN || t.getYear() > PowerMapPages.YEAR_MAX + 1) {
				throw new InvalidInputException(field, "a time in " + PowerMapPages.YEAR_MIN + "–" + PowerMapPages.YEAR_MAX);
			}
			return t.toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException(field, "an ISO date such as 2026-11-01 or a date-time such as 2026-11-01T00:00+08:00");
		}
	}
}
