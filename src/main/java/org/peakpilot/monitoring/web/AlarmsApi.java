package org.peakpilot.monitoring.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.monitoring.internal.Alarms;
import org.peakpilot.monitoring.internal.EfficiencyLevels;
import org.peakpilot.monitoring.internal.Alarm;
import org.peakpilot.monitoring.internal.AlarmKind;
import org.peakpilot.monitoring.internal.AlarmQuery;
import org.peakpilot.monitoring.internal.AlarmRule;
import org.peakpilot.monitoring.internal.AlarmRuleForm;
import org.peakpilot.monitoring.internal.AlarmStatus;
import org.peakpilot.monitoring.internal.BulkClose;
import org.peakpilot.monitoring.internal.EfficiencyLevel;
import org.peakpilot.monitoring.internal.MonthClosing;
import org.peakpilot.monitoring.internal.MonthComparison;
import org.peakpilot.monitoring.internal.MonthlyClosing;
import org.peakpilot.monitoring.internal.MonitoringBounds;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Alarms, alarm settings, the efficiency levels, and the monthly closing with metered versus reported energy, over REST. */
@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "monitoring alarms and closing", description = "Alarm rules and their lifecycle; the monthly closing of metered energy")
class AlarmsApi {

	private final Alarms alarms;
	private final EfficiencyLevels efficiencyLevels;
	private final MonthlyClosing closing;

	static final String KIND = "Only alarms of this kind · 仅此类告警";
	static final String STATUS = "Only alarms in this state · 仅此状态的告警";
	static final String ENTERPRISE_FILTER = "Only this enterprise (its id), within the caller's scope; left out: all in scope · 仅此企业（ID，须在调用者范围内）；未给出则为范围内全部";
	static final String LIMIT = "At most this many, 1 to " + QueryLimits.MAX_LIMIT + " (default 200) · 最多返回条数，1 至 " + QueryLimits.MAX_LIMIT + "（默认 200）";

	AlarmsApi(Alarms alarms, EfficiencyLevels efficiencyLevels, MonthlyClosing closing) {
		this.alarms = alarms;
		this.efficiencyLevels = efficiencyLevels;
		this.closing = closing;
	}

	@GetMapping("/alarms")
	@Operation(operationId = "listAlarms", summary = "Alarms within the caller's scope, newest first · 告警列表", description = """
			kind: COUNTER_BACKWARDS, COUNTER_JUMP, THRESHOLD_INTERVAL, THRESHOLD_DAY, OFFLINE, SPIKE, UNIT_ENERGY;
			status: OPEN, ACKNOWLEDGED, RECOVERED (an offline alarm whose meter sent again; its gap is recorded), CLOSED; limit: at most 1000 (default 200).""")
	List<Alarm> alarms(@Parameter(description = KIND) @RequestParam(required = false) AlarmKind kind,
			@Parameter(description = STATUS) @RequestParam(required = false) AlarmStatus status,
			@Parameter(description = ENTERPRISE_FILTER) @RequestParam(required = false) Long enterpriseId,
			@Parameter(description = LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1", maximum = "" + QueryLimits.MAX_LIMIT, defaultValue = "200"))
			@RequestParam(required = false) Integer limit) {
		return alarms.list(new AlarmQuery(kind, status, enterpriseId, QueryLimits.limit("limit", limit, 200)));
	}

	@GetMapping("/alarms/{id}")
	@Operation(operationId = "getAlarm", summary = "An alarm · 告警详情")
	Alarm alarm(@Parameter(description = "The alarm's id · 告警 ID") @PathVariable long id) {
		return alarms.get(id);
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "AlarmComment")
	record Comment(@Schema(description = "What was found or done; optional to acknowledge, required to close · 处理说明（确认时可选，关闭时必填）",
			maxLength = MonitoringBounds.TEXT_MAX, example = "gateway restarted") String comment) {
	}

	@PostMapping("/alarms/{id}/acknowledge")
	@Operation(operationId = "acknowledgeAlarm", summary = "Acknowledge an open alarm (the enterprise or an officer who manages it) · 确认告警", description = """
			The comment is optional. 409 when the alarm is not open.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Comment.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"comment": "gateway restarted"}""")))
	Alarm acknowledge(@Parameter(description = "The alarm's id · 告警 ID") @PathVariable long id, @RequestBody(required = false) Comment body) {
		return alarms.acknowledge(id, body == null ? null : body.comment());
	}

	@PostMapping("/alarms/{id}/close")
	@Operation(operationId = "closeAlarm", summary = "Close an open or acknowledged alarm with a comment · 关闭告警", description = """
			The comment is required. 409 when it is closed already.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Comment.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"comment": "kiln restart after maintenance, confirmed on site"}""")))
	Alarm close(@Parameter(description = "The alarm's id · 告警 ID") @PathVariable long id, @RequestBody(required = false) Comment body) {
		return alarms.close(id, body == null ? null : body.comment());
	}

	@Schema(description = "Alarms to close with one comment · 批量关闭的告警及说明")
	record BulkCloseForm(
			@ArraySchema(minItems = 1, maxItems = Alarms.MAX_BULK, schema = @Schema(description = "An alarm's id · 告警 ID", example = "12"),
					arraySchema = @Schema(description = "The alarms' ids, 1 to " + Alarms.MAX_BULK + " · 告警 ID，1 至 " + Alarms.MAX_BULK + " 个", requiredMode = Schema.RequiredMode.REQUIRED)) List<Long> ids,
			@Schema(description = "What was found or done (required, audited) · 处理说明（必填，记入审计）", maxLength = MonitoringBounds.TEXT_MAX,
					example = "catch-up after the gateway outage, data complete", requiredMode = Schema.RequiredMode.REQUIRED) String comment) {
	}

	@PostMapping("/alarms/close")
	@Operation(operationId = "closeAlarms", summary = "Close several open or acknowledged alarms with one comment · 批量关闭告警", description = """
			1 to 500 ids, comment required.
			All or nothing: when any id is unknown or outside the caller's scope (404) or the caller may not handle it (403),
			nothing is closed. Alarms already closed or recovered are skipped and listed under skipped; closed lists those
			closed now.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = BulkCloseForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"ids": [12, 13, 17], "comment": "catch-up after the gateway outage, data complete"}""")))
	BulkClose closeAlarms(@RequestBody(required = false) BulkCloseForm body) {
		return alarms.closeAll(body == null ? null : body.ids(), body == null ? null : body.comment());
	}

	@GetMapping("/meters/{id}/alarm-rule")
	@Operation(operationId = "getAlarmRule", summary = "A meter's alarm limits · 表计告警限值")
	AlarmRule rule(@Parameter(description = "The meter's id · 表计 ID") @PathVariable long id) {
		return alarms.rule(id);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PutMapping("/meters/{id}/alarm-rule")
	@Operation(operationId = "setAlarmRule", summary = "Set a meter's alarm limits · 设置表计告警限值", description = """
			Limits in the meter's unit,
			intervalLimit per quarter hour (per hour for hourly meters), dayLimit per Beijing day; null = no limit.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = AlarmRuleForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"intervalLimit": 500, "dayLimit": 20000, "offlineIntervals": 4, "spikeEnabled": true}""")))
	AlarmRule setRule(@Parameter(description = "The meter's id · 表计 ID") @PathVariable long id, @RequestBody AlarmRuleForm form) {
		return alarms.setRule(id, form);
	}

	@GetMapping("/efficiency-levels")
	@Operation(operationId = "listEfficiencyLevels", summary = "National efficiency levels (benchmark, baseline, limit level 3) in kgce per product unit, with source and tag · 能效标杆与基准水平")
	List<EfficiencyLevel> levels() {
		return efficiencyLevels.all();
	}

	@PostMapping("/enterprises/{enterpriseId}/closings/{month}")
	@Operation(operationId = "closeMonth", summary = "Close an enterprise's month (YYYY-MM): metered energy drafts the accounting report · 月度结算", description = """
			For the city office and the enterprise's own user. The draft is written only when the month has no report, or its
			report is a draft (or returned) still holding exactly the lines metering wrote; otherwise the report is kept and
			only compared (outcome KEPT).""")
	MonthClosing close(@Parameter(description = "The enterprise's id · 企业 ID") @PathVariable long enterpriseId, @Parameter(description = "The month to close, YYYY-MM (Beijing time) · 关账月份，YYYY-MM（北京时间）",
			schema = @io.swagger.v3.oas.annotations.media.Schema(pattern = "^\\d{4}-(0[1-9]|1[0-2])$", example = "2026-11")) @PathVariable String month) {
		return closing.close(enterpriseId, month(month));
	}

	@GetMapping("/closings")
	@Operation(operationId = "listMonthComparisons", summary = "Metered versus reported energy per enterprise and closed month, in tce and per energy, flagged beyond the tolerance · 计量与报送能耗对比")
	List<MonthComparison> closings(@Parameter(description = "The closings' year (Beijing time) · 年份", example = "2026") @RequestParam int year,
			@Parameter(description = "Only this month of the year, 1 to 12; left out: all closed months · 仅此月（1–12）；未给出则为全部已关账月份",
					example = "11") @RequestParam(required = false) Integer month,
			@Parameter(description = ENTERPRISE_FILTER) @RequestParam(required = false) Long enterpriseId) {
		return closing.compare(year, month, enterpriseId);
	}

	static YearMonth month(String text) {
		try {
			return YearMonth.parse(text);
		}
		catch (DateTimeParseException ex) {
			// no exception of the advices: turns a parse failure into the refused field, a 400 problem on the API and the
			// field error under @BackTo on the closing page (AlarmPages)
			throw new InvalidInputException("month", "a month such as 2026-10");
		}
	}
}
