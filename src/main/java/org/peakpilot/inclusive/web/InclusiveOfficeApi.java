package org.peakpilot.inclusive.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.inclusive.internal.OfficeFigures;
import org.peakpilot.inclusive.internal.OfficeFigures.Dashboard;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The office's dashboard figures of the carbon-inclusive scheme over REST (city-wide staff). */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class InclusiveOfficeApi {

	private final OfficeFigures figures;

	InclusiveOfficeApi(OfficeFigures figures) {
		this.figures = figures;
	}

	@Schema(name = "InclusiveOfficeFigures", description = "The scheme's figures of a month · 碳普惠某月运营数据")
	record OfficeMonth(
			@Schema(description = "The month (Beijing time) · 月份（北京时间）", type = "string", example = "2026-11") YearMonth month,
			@Schema(description = "Citizens signed up in all · 注册用户总数") long users,
			@Schema(description = "Citizens signed up in the month · 本月新增用户") long newUsers,
			@Schema(description = "Citizens with a credited trip or a check-in in the 30 days up to today · 近 30 天活跃用户") long activeUsers,
			@Schema(description = "Credited green trips of the month · 本月记账绿色出行次数") long trips,
			@Schema(description = "gCO2 avoided by the month's trips (1 point = 1 gCO2) · 本月出行减排量（克二氧化碳）") long gco2,
			@Schema(description = "Trips and gCO2 per day and mode · 按日按方式的出行与减排量") List<OfficeDay> days,
			@Schema(description = "Scenes registered · 场景数") long scenes,
			@Schema(description = "Check-ins of the month at all scenes · 本月场景打卡次数") long checkins,
			@Schema(description = "Carbon tickets issued in the month, tCO2 · 本月签发碳票（吨二氧化碳）") long ticketsIssued,
			@Schema(description = "Carbon tickets retired in the month, tCO2 · 本月注销碳票（吨二氧化碳）") long ticketsRetired,
			@Schema(description = "Zero-carbon events neutralised in the month · 本月完成中和的零碳活动") long eventsNeutralised,
			@Schema(description = "When the ledger was last reconciled (null: never) · 最近一次账本对账时间") OffsetDateTime reconciledAt,
			@Schema(description = "Whether that reconciliation passed (null: never ran) · 最近一次对账是否通过") Boolean reconciliationOk) {
	}

	@Schema(name = "InclusiveOfficeDay", description = "A mode's trips of one day · 某日某方式的出行")
	record OfficeDay(@Schema(description = "Day (Beijing time) · 日期（北京时间）") LocalDate day,
			@Schema(description = "Mode code · 出行方式代码", example = "BUS") String mode,
			@Schema(description = "Credited trips · 记账出行次数") long trips,
			@Schema(description = "gCO2 avoided · 减排量（克二氧化碳）") long gco2) {
	}

	static YearMonth parseMonth(String text) {
		try {
			return YearMonth.parse(text);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidInputException("month", "a month such as 2026-11");
		}
	}

	@GetMapping("/api/v1/inclusive/office/dashboard")
	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER })
	@Operation(operationId = "getInclusiveOfficeDashboard", summary = "The scheme's figures of a month · 碳普惠某月运营数据", description = """
			Users, active users (30 days), credited trips and gCO2 per day and mode, scenes and check-ins, carbon tickets issued and
			retired (tCO2), events neutralised and the last ledger reconciliation. Months from 2020-01 to the current Beijing month.
			The scheme's figures are information, never a figure the city reports.
			用户、近 30 天活跃用户、按日按方式的记账出行与减排量、场景与打卡、签发与注销碳票（吨）、完成中和的活动及最近一次账本对账；
			月份从 2020-01 至北京时间本月。碳普惠数据仅供参考，不作为上报数据。""")
	OfficeMonth dashboard(@Parameter(description = "Month yyyy-MM, Beijing time (default: this month) · 月份（北京时间，默认本月）",
			schema = @Schema(pattern = "^\\d{4}-(0[1-9]|1[0-2])$", example = "2026-11")) @RequestParam(required = false) String month) {
		Dashboard d = figures.dashboard(month == null ? null : parseMonth(month));
		return new OfficeMonth(d.month(), d.users(), d.newUsers(), d.activeUsers(), d.trips(), d.gco2(),
				d.perDay().stream().map(x -> new OfficeDay(x.day(), x.mode(), x.trips(), x.gco2())).toList(), d.scenes(),
				d.checkinsTotal(), d.ticketsIssued(), d.ticketsRetired(), d.eventsNeutralised(), d.reconciliation().at(),
				d.reconciliation().ok());
	}
}
