package org.peakpilot.monitoring.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.monitoring.internal.CitySummary;
import org.peakpilot.monitoring.internal.EnterpriseMonth;
import org.peakpilot.monitoring.internal.EnterpriseSeries;
import org.peakpilot.monitoring.internal.Grain;
import org.peakpilot.monitoring.internal.MeterCompleteness;
import org.peakpilot.monitoring.internal.MeterImport;
import org.peakpilot.monitoring.internal.MeterSeries;
import org.peakpilot.monitoring.internal.MeterState;
import org.peakpilot.monitoring.internal.Range;
import org.peakpilot.monitoring.internal.MonitoringViews;
import org.peakpilot.monitoring.internal.MonitoringWorkbooks;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.platform.QueryLimits;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The monitoring views over REST: the live view, curves, meter states, completeness, month-to-date, meters by Excel. */
@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "monitoring", description = "Online energy monitoring: meters, readings ingest, quarantine, rollups")
class MonitoringViewsApi {

	private final Readings readings;
	private final MonitoringViews views;
	private final MonitoringWorkbooks workbooks;

	static final String DATE = "A Beijing day, ISO date YYYY-MM-DD (default today) · 北京日期（默认今天）";
	static final String RANGE = "The span holding date: DAY (by quarter-hours), WEEK (ISO week, by hours), MONTH (by days), YEAR (by months) · 时间范围";

	MonitoringViewsApi(Readings readings, MonitoringViews views, MonitoringWorkbooks workbooks) {
		this.readings = readings;
		this.views = views;
		this.workbooks = workbooks;
	}

	@GetMapping("/live")
	@Operation(operationId = "getLiveEnergy", summary = "The live view of a Beijing day (default today) in the caller's scope · 实时能耗", description = """
			Energy in tce and tCO2 by county, by industry and in total (from the day rollups, converted with the accounting
			factors of the day's year, listed under 'conversions'), the ten largest consumers, meters online and offline now
			(offline: no reading for peakpilot.monitoring.offline-after-intervals of the meter's intervals, default 4), open
			alarms and the latest ten.""")
	CitySummary live(@Parameter(description = DATE) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		return views.citySummary(QueryLimits.date("date", date == null ? views.today() : date));
	}

	@GetMapping("/enterprises/{id}/series")
	@Operation(operationId = "getEnterpriseSeries", summary = "An enterprise's curve per energy and in tce and tCO2 · 企业能耗曲线", description = """
			range DAY (by quarter-hours), WEEK (ISO week, by hours), MONTH (by days) or YEAR (by months), holding 'date'
			(default today); 'grain' (QUARTER, HOUR, DAY, MONTH) overrides the range's grain, at most 40,000 periods.""")
	EnterpriseSeries series(@Parameter(description = MonitoringApi.ENTERPRISE_ID) @PathVariable long id, @Parameter(description = RANGE) @RequestParam(defaultValue = "DAY") Range range,
			@Parameter(description = DATE) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
			@Parameter(description = "Overrides the range's grain: QUARTER (15 min), HOUR, DAY, MONTH · 覆盖默认粒度") @RequestParam(required = false) Grain grain) {
		return views.enterpriseSeries(id, range, QueryLimits.date("date", date == null ? views.today() : date), grain);
	}

	@GetMapping("/meters/{id}/curve")
	@Operation(operationId = "getMeterCurve", summary = "A meter's curve over the day, week, month or year holding 'date', at the range's grain · 表计曲线")
	MeterSeries meterCurve(@Parameter(description = MonitoringApi.METER_ID) @PathVariable long id, @Parameter(description = RANGE) @RequestParam(defaultValue = "DAY") Range range,
			@Parameter(description = DATE) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		return readings.meterSeries(id, range, date == null ? views.today() : date);
	}

	@GetMapping("/enterprises/{id}/meter-states")
	@Operation(operationId = "listMeterStates", summary = "The enterprise's meters with their latest reading and online status · 表计状态")
	List<MeterState> meterStates(@Parameter(description = MonitoringApi.ENTERPRISE_ID) @PathVariable long id) {
		return views.meterStates(id);
	}

	@GetMapping("/enterprises/{id}/completeness")
	@Operation(operationId = "listMeterCompleteness", summary = "Readings received per meter and Beijing day against those expected (1440 / interval; so far, for today) · 数据完整率")
	List<MeterCompleteness> completeness(@Parameter(description = MonitoringApi.ENTERPRISE_ID) @PathVariable long id,
			@Parameter(description = "Beijing days up to today, 1 to " + MonitoringViews.COMPLETENESS_DAYS_MAX + " · 截至今天的北京日天数",
					schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + MonitoringViews.COMPLETENESS_DAYS_MAX, defaultValue = "14"))
			@RequestParam(defaultValue = "14") int days) {
		return views.completeness(id, days);
	}

	@GetMapping("/month-to-date")
	@Operation(operationId = "listMonthToDate", summary = "Energy of the current month per enterprise in the caller's scope (or of one), largest first · 本月累计能耗")
	List<EnterpriseMonth> monthToDate(@Parameter(description = AlarmsApi.ENTERPRISE_FILTER) @RequestParam(required = false) Long enterpriseId) {
		return views.monthToDate(enterpriseId);
	}

	@GetMapping("/meters/template.xlsx")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The Excel template (.xlsx) · Excel 模板",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
	@Operation(operationId = "downloadMeterTemplate", summary = "The Excel template for registering meters (one sheet; the allowed values to the right of the columns) · 表计登记模板")
	ResponseEntity<byte[]> template() {
		return MeterPages.xlsx("meters-template.xlsx", workbooks.meterTemplate());
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PostMapping(path = "/enterprises/{id}/meters/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(operationId = "importMeters", summary = "Register the meters of a filled-in template, all or nothing · 导入表计", description = """
			Multipart field 'file' (.xlsx, at most 2 MiB and 2,000 meters). Every row goes through the same rules as
			POST /enterprises/{id}/meters, and codes must be unique in the file and the enterprise. If any row is wrong,
			nothing is written and the answer is a 400 problem whose 'errors' list each error with its row and column.""")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = "A row is wrong: nothing was written; errors name each row and column · 有误行：全部未写入，errors 逐项列出行与列",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/problem+json",
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "a wrong row · 某行有误", value = """
							{"type": "/problems/invalid-input", "title": "Bad Request", "status": 400, "detail": "row 3, H (采集间隔分钟 Interval minutes): 1, 5, 15 or 60",
							 "errors": [{"row": 3, "field": "H (采集间隔分钟 Interval minutes)", "message": "1, 5, 15 or 60"}]}""")))
	@ResponseStatus(HttpStatus.CREATED)
	MeterImport importMeters(@Parameter(description = MonitoringApi.ENTERPRISE_ID) @PathVariable long id,
			@Parameter(description = "The filled-in template (.xlsx) · 填好的模板") @RequestParam("file") MultipartFile file) throws IOException {
		return workbooks.importMeters(id, file.getBytes());
	}

	@GetMapping("/enterprises/{id}/daily-energy.xlsx")
	@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "The workbook (.xlsx) · Excel 工作簿",
			content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string", format = "binary")))
	@Operation(operationId = "exportDailyEnergy", summary = "The enterprise's energy per day of the MONTH or YEAR holding 'date', with the factors used · 逐日能耗导出")
	ResponseEntity<byte[]> dailyEnergy(@Parameter(description = MonitoringApi.ENTERPRISE_ID) @PathVariable long id,
			@Parameter(description = "MONTH or YEAR holding date · 月或年", schema = @Schema(type = "string", allowableValues = { "MONTH", "YEAR" }, defaultValue = "MONTH")) @RequestParam(defaultValue = "MONTH") Range range,
			@Parameter(description = DATE) @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date) {
		LocalDate d = date == null ? views.today() : date;
		return MeterPages.xlsx("daily-energy-" + id + "-" + range.first(d) + ".xlsx", workbooks.dailyEnergy(id, range, QueryLimits.date("date", d)));
	}
}
