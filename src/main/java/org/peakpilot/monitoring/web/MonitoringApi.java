package org.peakpilot.monitoring.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.ApiRoles;
import org.peakpilot.monitoring.internal.BatchRecord;
import org.peakpilot.monitoring.internal.BatchTooLargeException;
import org.peakpilot.monitoring.internal.Batches;
import org.peakpilot.monitoring.internal.Gateways;
import org.peakpilot.monitoring.internal.Meters;
import org.peakpilot.monitoring.internal.MonitoringBounds;
import org.peakpilot.monitoring.internal.BackfillForm;
import org.peakpilot.monitoring.internal.Correction;
import org.peakpilot.monitoring.CreatedGateway;
import org.peakpilot.monitoring.internal.Gap;
import org.peakpilot.monitoring.Gateway;
import org.peakpilot.monitoring.internal.Grain;
import org.peakpilot.monitoring.internal.IngestResult;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterForm;
import org.peakpilot.monitoring.internal.QuarantineEntry;
import org.peakpilot.monitoring.internal.QuarantineStatus;
import org.peakpilot.monitoring.internal.Replacement;
import org.peakpilot.monitoring.internal.ReplacementForm;
import org.peakpilot.monitoring.internal.GatewayStatus;
import org.peakpilot.monitoring.internal.MeterSeries;
import org.peakpilot.monitoring.internal.Quarantine;
import org.peakpilot.monitoring.internal.ReadingIngest;
import org.peakpilot.monitoring.internal.ReadingParser;
import org.peakpilot.monitoring.internal.Readings;
import org.peakpilot.platform.QueryLimits;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Online monitoring over REST: meters, gateways, readings in, quarantine, exchanges, back-fills, gaps, rollups. */
@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "monitoring", description = "Online energy monitoring: meters, readings ingest, quarantine, rollups")
class MonitoringApi {

	/** The largest request body a batch may have. */
	static final int MAX_BODY_BYTES = Readings.MAX_BODY_BYTES;

	private final Meters meters;
	private final Gateways gateways;
	private final Readings readings;
	private final Quarantine quarantine;
	private final tools.jackson.databind.json.JsonMapper json;
	private final Batches batches;

	MonitoringApi(Meters meters, Gateways gateways, Readings readings, Quarantine quarantine,
			tools.jackson.databind.json.JsonMapper json, Batches batches) {
		this.batches = batches;
		this.meters = meters;
		this.gateways = gateways;
		this.readings = readings;
		this.quarantine = quarantine;
		this.json = json;
	}

	/** The request attribute holding the batch id of a readings request, echoed by {@link BatchIdAdvice} into refusals. */
	static final String BATCH_ID = MonitoringApi.class.getName() + ".batchId";

	static final String METER_ID = "The meter's id · 表计 ID";
	static final String GATEWAY_ID = "The gateway's id · 采集终端 ID";
	static final String ENTERPRISE_ID = "The enterprise's id · 企业 ID";
	static final String QUARANTINE_ID = "The quarantine entry's id · 隔离记录 ID";

	@PostMapping(path = "/readings", consumes = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
	@Operation(operationId = "postReadings", summary = "Send a batch of readings (JSON or CSV) with a gateway's device token · 上传读数批次", description = """
			Authorization: Bearer ppd_… (a gateway's device token; an enterprise user's own login works too).
			JSON (schema ReadingsBatch, see the example): batchId, timestampMarks and readings, each reading with
			  meter: the meter's code within the gateway's enterprise (or "meterId": its number); ts: ISO-8601 (no offset =
			  Beijing time) or epoch milliseconds (a number, 2000 to 2100), by default the END of the interval
			  ("timestampMarks": "start" when the gateway stamps the start); a time within the alignment tolerance (60 s by
			  default) of an interval boundary is moved onto it and noted SNAPPED, one further off is quarantined MISALIGNED;
			  value: the register (COUNTER meters) or the interval's quantity (INTERVAL meters) before the multiplier; unit:
			  optional, must be the meter's; "correction": true (per reading or for the whole batch; 补传/更正) replaces a stored
			  value (audited as reading.corrected) instead of quarantining it as a CONFLICT.
			batchId: 1 to 64 of A-Z a-z 0-9 . _ : - (or the X-Batch-Id header); without one the server assigns a UUID. It is
			  echoed in every answer, refusals (400, 413, 503 from ingest) included.
			CSV (Content-Type text/csv): a header meter,ts,value[,unit][,correction] or 表计,时间,数值,单位[,更正] then one reading
			  per line; separator , or ; (detected from the header); a UTF-8 byte order mark is ignored. Batch id, time marking
			  and correction of a CSV batch come in the headers X-Batch-Id, X-Timestamp-Marks and X-Correction.
			At most 10,000 readings and 4 MiB per batch. The answer counts stored readings, duplicates (already stored with the
			same value: resending is safe), corrected and snapped ones, and quarantined ones with their index in the batch and
			reason; good readings of a mixed batch are stored. 400: the batch cannot be read at all; 413: too large; 503:
			database unavailable, nothing stored, send again.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
			@io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
					schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ReadingsBatch.class),
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "batch", value = """
							{"batchId": "gw7-000123", "timestampMarks": "end", "readings": [
							 {"meter": "E-01", "ts": "2026-11-24T10:15:00+08:00", "value": 123456.7, "unit": "kWh"},
							 {"meter": "E-02", "ts": 1763950500000, "value": 12.5},
							 {"meter": "E-01", "ts": "2026-11-24T10:00:00+08:00", "value": 123401.2, "correction": true}]}""")),
			@io.swagger.v3.oas.annotations.media.Content(mediaType = "text/csv",
					schema = @io.swagger.v3.oas.annotations.media.Schema(type = "string",
							description = "header meter,ts,value[,unit][,correction] or 表计,时间,数值,单位[,更正]; separator , or ;"),
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "csv", value = """
							表计;时间;数值;单位
							E-01;2026-11-24T10:15:00+08:00;123456.7;kWh
							""")) })
	@io.swagger.v3.oas.annotations.responses.ApiResponses({
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the batch was taken: counts, notes and quarantined readings",
					content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = IngestResult.class),
							examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = """
									{"received": 3, "stored": 1, "duplicates": 0, "quarantined": 1, "batchId": "gw7-000123", "corrected": 1,
									 "snapped": 0, "notes": [{"index": 2, "meter": "E-01", "note": "CORRECTED",
									 "detail": "the stored value 123400 of 2026-11-24T02:00:00Z was replaced by 123401.2"}],
									 "rejected": [{"index": 1, "meter": "E-02", "reason": "MISALIGNED", "detail": "…", "quarantineId": 42}]}"""))),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "400", description = "the batch cannot be read at all (or its batchId, timestampMarks or correction is invalid); nothing stored",
					content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ProblemDetail.class),
							examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = """
									{"type": "/problems/invalid-input", "title": "Bad Request", "status": 400,
									 "detail": "body: not valid JSON: …", "errors": [{"field": "body", "message": "not valid JSON: …"}],
									 "batchId": "3f1c…"}"""))),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "413", description = "more than 10,000 readings or 4 MiB; nothing stored, send smaller batches",
					content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ProblemDetail.class),
							examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = """
									{"type": "/problems/batch-too-large", "title": "Content Too Large", "status": 413,
									 "detail": "the body is larger than 4 MiB; send at most 10000 readings per batch", "batchId": "gw7-000123"}"""))),
			@io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "503", description = "the database is unavailable; nothing stored, send the same batch again (Retry-After)",
					content = @io.swagger.v3.oas.annotations.media.Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
							schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ProblemDetail.class),
							examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = """
									{"type": "/problems/database-unavailable", "title": "Service Unavailable", "status": 503,
									 "detail": "The database is not reachable at the moment; nothing was written. Send the same request again later.",
									 "batchId": "gw7-000123"}"""))) })
	IngestResult readings(HttpServletRequest request) throws IOException {
		String header = request.getHeader("X-Batch-Id");
		// echoed even when the given one is refused (then an assigned one)
		request.setAttribute(BATCH_ID, ReadingIngest.batchId(null));
		request.setAttribute(BATCH_ID, ReadingIngest.batchId(header == null ? null : header.strip()));
		String body = body(request);
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
		String batchId = (String) request.getAttribute(BATCH_ID);
		String marks = request.getHeader("X-Timestamp-Marks");
		boolean correction = flag("X-Correction", request.getHeader("X-Correction"));
		if (type.startsWith("text/csv")) {
			return readings.ingest(ReadingParser.csv(body),
					new ReadingIngest.Options(batchId, ReadingIngest.Marks.given(marks), correction));
		}
		ReadingParser.Batch batch = ReadingParser.jsonBatch(json, body);
		if (batch.batchId() != null) {
			request.setAttribute(BATCH_ID, ReadingIngest.batchId(batch.batchId()));
			batchId = (String) request.getAttribute(BATCH_ID);
		}
		return readings.ingest(batch.readings(), new ReadingIngest.Options(batchId,
				ReadingIngest.Marks.given(batch.timestampMarks() != null ? batch.timestampMarks() : marks), correction || batch.correction()));
	}

	private static boolean flag(String field, String text) {
		if (text == null || text.isBlank() || text.strip().equalsIgnoreCase("false")) {
			return false;
		}
		if (text.strip().equalsIgnoreCase("true")) {
			return true;
		}
		throw new InvalidInputException(field, field + " is true or false");
	}

	/** The body of POST /readings as documented (the parser reads it as a stream; this type only describes it). */
	@io.swagger.v3.oas.annotations.media.Schema(description = "A batch of readings; a bare array of readings is accepted too")
	record ReadingsBatch(
			@io.swagger.v3.oas.annotations.media.Schema(description = "The gateway's id of the batch, echoed in the answer; assigned (UUID) when left out · 批次号（原样返回；未给出时由服务器分配 UUID）",
					maxLength = ReadingIngest.BATCH_ID_MAX, pattern = "^" + ReadingIngest.BATCH_ID_PATTERN + "$", example = "gw7-000123") String batchId,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Whether ts marks the start or the end of the interval; left out: the gateway's default (the end unless set on the gateway) · 时间戳表示间隔开始或结束（未给出则按终端设置，默认结束）",
					allowableValues = { "start", "end" }) String timestampMarks,
			@io.swagger.v3.oas.annotations.media.Schema(description = "All readings are corrections that replace stored values · 全部读数为补传/更正，替换已存值",
					defaultValue = "false") Boolean correction,
			@io.swagger.v3.oas.annotations.media.ArraySchema(maxItems = Readings.MAX_BATCH, schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ReadingIn.class), arraySchema = @io.swagger.v3.oas.annotations.media.Schema(description = "The readings, at most " + Readings.MAX_BATCH + " · 读数，最多 " + Readings.MAX_BATCH + " 条",
					requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED)) List<ReadingIn> readings) {
	}

	/** One reading of {@link ReadingsBatch} (documentation only). */
	record ReadingIn(
			@io.swagger.v3.oas.annotations.media.Schema(description = "The meter's code within the gateway's enterprise (or meterId) · 表计编号（或用 meterId）", example = "E-01") String meter,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The meter's id, instead of meter · 表计 ID（可代替 meter）", example = "17") Long meterId,
			@io.swagger.v3.oas.annotations.media.Schema(description = "The interval's time, ISO-8601 (no offset = Beijing time); epoch milliseconds (years 2000 to 2100) are accepted as a JSON number too, which is not typed here so that generated clients get a plain string · 时间，ISO-8601（不带时区即北京时间）；也接受 JSON 数字形式的毫秒时间戳",
					type = "string", example = "2026-11-24T10:15:00+08:00",
					requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) Object ts,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Register (COUNTER) or interval quantity (INTERVAL) in the meter's unit before the multiplier; |value| < 10^18 · 读数（累计表为表码，间隔表为间隔量），表计单位、未乘倍率",
					example = "123456.7", requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) BigDecimal value,
			@io.swagger.v3.oas.annotations.media.Schema(description = "Optional; must be the meter's unit (kWh, GJ, t, …) · 可选；须与表计单位一致", example = "kWh") String unit,
			@io.swagger.v3.oas.annotations.media.Schema(description = "This reading corrects a stored one · 此读数为补传/更正", defaultValue = "false") Boolean correction) {
	}

	@PostMapping(path = "/status")
	@Operation(operationId = "postGatewayStatus", summary = "A gateway's heartbeat (its device token): it is online whether or not it has readings · 采集终端心跳", description = """
			Body (optional): a JSON object of at most 2,000 characters with what the gateway reports (see the example).
			Also over MQTT on <root>/status/<gateway id>.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = false, description = "What the gateway reports, at most "
			+ Gateways.STATUS_MAX + " characters · 终端自报状态", content = @io.swagger.v3.oas.annotations.media.Content(
					mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @io.swagger.v3.oas.annotations.media.Schema(type = "object",
							description = "Any JSON object · 任意 JSON 对象", additionalProperties = io.swagger.v3.oas.annotations.media.Schema.AdditionalPropertiesValue.TRUE),
					examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "status",
							value = "{\"firmware\": \"2.1.0\", \"queued\": 0, \"signal\": -71}")))
	GatewayStatus status(HttpServletRequest request) throws IOException {
		byte[] bytes;
		try (InputStream in = request.getInputStream()) {
			bytes = in.readNBytes(Gateways.STATUS_MAX * 4 + 1);
		}
		if (bytes.length > Gateways.STATUS_MAX * 4) {
			throw new InvalidInputException("status", "the status has more than " + Gateways.STATUS_MAX + " characters");
		}
		return readings.reportStatus(new String(bytes, StandardCharsets.UTF_8));
	}

	private static String body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw new BodyTooLargeException();
		}
		try (InputStream in = request.getInputStream()) {
			long declared = request.getContentLengthLong();
			if (declared >= 0) {
				// read into one array of the declared size (the container ends the stream there), not in 8 KiB pieces
				byte[] bytes = new byte[(int) declared];
				int n = in.readNBytes(bytes, 0, bytes.length);
				return new String(bytes, 0, n, StandardCharsets.UTF_8);
			}
			byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw new BodyTooLargeException();
			}
			return new String(bytes, StandardCharsets.UTF_8);
		}
	}

	/** A body above {@link #MAX_BODY_BYTES}. */
	static class BodyTooLargeException extends RuntimeException {
	}

	@ExceptionHandler({ BatchTooLargeException.class, BodyTooLargeException.class })
	ResponseEntity<ProblemDetail> tooLarge(RuntimeException ex) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, ex instanceof BodyTooLargeException
				? "the body is larger than 4 MiB; send at most " + Readings.MAX_BATCH + " readings per batch"
				: ex.getMessage());
		p.setType(java.net.URI.create("/problems/batch-too-large"));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	@GetMapping("/meters")
	@Operation(operationId = "listMeters", summary = "An enterprise's meters · 企业的表计")
	List<Meter> meters(@Parameter(description = AlarmsApi.ENTERPRISE_FILTER) @RequestParam(required = false) Long enterpriseId) {
		return meters.list(enterpriseId);
	}

	@GetMapping("/meters/{id}")
	@Operation(operationId = "getMeter", summary = "A meter · 表计详情")
	Meter meter(@Parameter(description = METER_ID) @PathVariable long id) {
		return meters.get(id);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PostMapping("/enterprises/{enterpriseId}/meters")
	@Operation(operationId = "registerMeter", summary = "Register a meter of the enterprise · 登记企业计量表",
			description = """
					energyCode: ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors; unit: one the calculator accepts
					for it; kind: COUNTER (a cumulative register) or INTERVAL (the quantity of each interval); multiplier: the
					transformer ratio applied to raw values; maxPerInterval and counterMax in the meter's unit.
					energyCode 为 ELECTRICITY、HEAT 或因子库中的燃料代码；unit 须为计算器对该能源接受的单位；kind 为 COUNTER
					（累计读数）或 INTERVAL（每个采集间隔的量）；multiplier 为倍率；maxPerInterval、counterMax 以表计单位计。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
			schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MeterForm.class), examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "main transformer · 主变电表", value = """
					{"code": "E-01", "name": "1# 主变 main transformer", "facility": "熟料线 clinker line", "energyCode": "ELECTRICITY",
					 "unit": "kWh", "kind": "COUNTER", "multiplier": 1200, "intervalMinutes": 15, "productCode": "CLINKER",
					 "maxPerInterval": 20000, "counterMax": 99999999.99}""")))
	@ResponseStatus(HttpStatus.CREATED)
	Meter register(@Parameter(description = ENTERPRISE_ID) @PathVariable long enterpriseId, @RequestBody MeterForm form) {
		return meters.register(enterpriseId, form);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PutMapping("/meters/{id}")
	@Operation(operationId = "updateMeter", summary = "Change a meter's settings · 修改表计")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MeterForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"name": "1# 主变 main transformer", "maxPerInterval": 25000}""")))
	Meter update(@Parameter(description = METER_ID) @PathVariable long id, @RequestBody MeterForm form) {
		return meters.update(id, form);
	}

	@GetMapping("/enterprises/{enterpriseId}/gateways")
	@Operation(operationId = "listGateways", summary = "An enterprise's gateways · 企业的采集终端")
	List<Gateway> gateways(@Parameter(description = ENTERPRISE_ID) @PathVariable long enterpriseId) {
		return gateways.list(enterpriseId);
	}

	@io.swagger.v3.oas.annotations.media.Schema(description = "A gateway to register · 待登记的采集终端")
	record GatewayName(@io.swagger.v3.oas.annotations.media.Schema(maxLength = MonitoringBounds.GATEWAY_NAME_MAX, requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, description = "The gateway's name within the enterprise · 终端名称",
			example = "1# 配电室网关 switch-room gateway") String name) {
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PostMapping("/enterprises/{enterpriseId}/gateways")
	@Operation(operationId = "registerGateway", summary = "Create a gateway and its device token (shown once) · 登记采集终端并生成设备令牌（仅显示一次）",
			description = """
					The answer holds the device token `ppd_…` in clear once; store it in the gateway, which sends readings with
					`Authorization: Bearer ppd_…` (POST /api/v1/monitoring/readings) or over MQTT. Rotate it with
					POST /gateways/{id}/rotate.
					响应中的设备令牌只显示这一次，请保存到终端；终端以 Bearer 令牌经 HTTP 或 MQTT 上传读数。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
			schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = GatewayName.class), examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "gateway · 采集终端", value = """
					{"name": "1# 配电室网关 switch-room gateway"}""")))
	@ResponseStatus(HttpStatus.CREATED)
	CreatedGateway createGateway(@Parameter(description = ENTERPRISE_ID) @PathVariable long enterpriseId, @RequestBody GatewayName body) {
		return gateways.create(enterpriseId, body.name());
	}

	record GatewaySettings(
			@io.swagger.v3.oas.annotations.media.Schema(description = "What the gateway's times mark when a batch does not say: the start or the end of the interval · 终端时间戳表示采集间隔的开始还是结束（批次未指明时）",
					allowableValues = { "start", "end" }, example = "start", requiredMode = Schema.RequiredMode.REQUIRED) String timestampMarks) {
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PutMapping("/gateways/{id}")
	@Operation(operationId = "updateGateway", summary = "Change a gateway's settings: timestampMarks, what its times mark when a batch does not say (a batch's own field wins) · 修改采集终端设置")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = GatewaySettings.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"timestampMarks": "start"}""")))
	Gateway updateGateway(@Parameter(description = GATEWAY_ID) @PathVariable long id, @RequestBody GatewaySettings body) {
		return gateways.updateMarks(id, body.timestampMarks());
	}

	@GetMapping("/gateways/{id}/batches/{batchId}")
	@Operation(operationId = "getGatewayBatch", summary = "What a batch of this gateway produced: when it was received and how many readings were stored, "
			+ "duplicates, quarantined, corrected and snapped; newest first, one entry per delivery (a retry is another); "
			+ "404 when no batch of that id was received (kept for 90 days by default) · 批次处理结果")
	List<BatchRecord> batch(@Parameter(description = GATEWAY_ID) @PathVariable long id,
			@Parameter(description = "The batch id the gateway sent (or was assigned) · 批次号", schema = @Schema(pattern = "^" + ReadingIngest.BATCH_ID_PATTERN + "$", example = "gw7-000123")) @PathVariable String batchId) {
		List<BatchRecord> found = batches.find(id, batchId);
		if (found.isEmpty()) {
			throw new org.peakpilot.platform.NotFoundException("batch " + batchId + " of gateway " + id);
		}
		return found;
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PostMapping("/gateways/{id}/revoke")
	@Operation(operationId = "revokeGateway", summary = "Revoke a gateway's device token · 停用采集终端令牌")
	Gateway revoke(@Parameter(description = GATEWAY_ID) @PathVariable long id) {
		return gateways.revoke(id);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PostMapping("/gateways/{id}/rotate")
	@Operation(operationId = "rotateGatewayToken", summary = "Give a gateway a new device token (shown once); the old one keeps working for the rotation overlap "
			+ "(10 minutes by default: HTTP, MQTT messages and new MQTT connections), then stops; revoke ends both at once · 轮换设备令牌")
	CreatedGateway rotate(@Parameter(description = GATEWAY_ID) @PathVariable long id) {
		return gateways.rotate(id);
	}

	@GetMapping("/quarantine")
	@Operation(operationId = "listQuarantine", summary = "Quarantined readings in the caller's scope, newest first; limit 1 to 1000 (default 200) · 隔离读数列表")
	List<QuarantineEntry> quarantine(@Parameter(description = AlarmsApi.ENTERPRISE_FILTER) @RequestParam(required = false) Long enterpriseId,
			@Parameter(description = "Only entries in this state · 仅此状态") @RequestParam(required = false) QuarantineStatus status,
			@Parameter(description = AlarmsApi.LIMIT, schema = @Schema(type = "integer", format = "int32", minimum = "1",
					maximum = "" + QueryLimits.MAX_LIMIT, defaultValue = "200")) @RequestParam(required = false) Integer limit) {
		return quarantine.list(enterpriseId, status, QueryLimits.limit("limit", limit, 200));
	}

	@GetMapping("/quarantine/{id}")
	@Operation(operationId = "getQuarantineEntry", summary = "A quarantined reading · 隔离读数详情")
	QuarantineEntry quarantined(@Parameter(description = QUARANTINE_ID) @PathVariable long id) {
		return quarantine.get(id);
	}

	@PostMapping("/quarantine/{id}/replay")
	@Operation(operationId = "replayQuarantineEntry", summary = "Replay a quarantined reading, corrected or as it was · 重放隔离读数", description = """
			Fields left out keep the
			quarantined ones; the comment is required.""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Correction.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"value": "1234.5", "ts": "2026-11-24T10:15:00+08:00", "comment": "decimal point restored"}""")))
	IngestResult replay(@Parameter(description = QUARANTINE_ID) @PathVariable long id, @RequestBody Correction correction) {
		return readings.replay(id, correction);
	}

	@io.swagger.v3.oas.annotations.media.Schema(name = "QuarantineComment")
	record Comment(@io.swagger.v3.oas.annotations.media.Schema(requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED, 
			description = "Why the reading is discarded · 舍弃原因") String comment) {
	}

	@PostMapping("/quarantine/{id}/discard")
	@Operation(operationId = "discardQuarantineEntry", summary = "Discard a quarantined reading with a comment · 丢弃隔离读数")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = Comment.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"comment": "test reading from commissioning, not a real value · 调试期测试数据"}""")))
	QuarantineEntry discard(@Parameter(description = QUARANTINE_ID) @PathVariable long id, @RequestBody Comment body) {
		return readings.discard(id, body.comment());
	}

	@GetMapping("/meters/{id}/exchanges")
	@Operation(operationId = "listMeterExchanges", summary = "A meter's exchanges (replaced meters) · 表计更换记录")
	List<Replacement> exchanges(@Parameter(description = METER_ID) @PathVariable long id) {
		return readings.exchanges(id);
	}

	@ApiRoles({ Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER, Role.PARK_MANAGER, Role.ENTERPRISE_USER })
	@PostMapping("/meters/{id}/exchanges")
	@Operation(operationId = "recordMeterExchange", summary = "Register a meter exchange (换表)", description = """
			The old register's final reading and the new one's initial reading, in the meter's unit, at the time of the exchange · 旧表止码与新表起码""")
	@ResponseStatus(HttpStatus.CREATED)
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = ReplacementForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"replacedAt": "2026-11-24T10:07:00+08:00", "oldFinal": 98234.5, "newInitial": 0, "reason": "register failed"}""")))
	Replacement exchange(@Parameter(description = METER_ID) @PathVariable long id, @RequestBody ReplacementForm form) {
		return readings.registerExchange(id, form);
	}

	@PostMapping("/meters/{id}/backfill")
	@Operation(operationId = "backfillReadings", summary = "Back-fill missing intervals (数据补录) with a reason, all or nothing", description = """
			Values for missing intervals only, with the reason; audited · 仅补录缺失时段的数值并说明原因""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @io.swagger.v3.oas.annotations.media.Content(
			mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = BackfillForm.class),
			examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = """
					{"reason": "gateway offline 2026-11-20, values read on site", "readings": [{"ts": "2026-11-20T08:15:00+08:00", "value": "1200"}]}""")))
	IngestResult backfill(@Parameter(description = METER_ID) @PathVariable long id, @RequestBody BackfillForm form) {
		return readings.backfill(id, form);
	}

	@GetMapping("/meters/{id}/gaps")
	@Operation(operationId = "listMeterGaps", summary = "Missing intervals of a meter between two times (default: the last 7 days; at most 31 days) · 表计缺测时段")
	List<Gap> gaps(@Parameter(description = METER_ID) @PathVariable long id, @io.swagger.v3.oas.annotations.Parameter(description = "ISO-8601 date-time (no offset: Beijing time) or date (midnight, Beijing time) · ISO-8601 时间或日期（未带时区即北京时间）",
			schema = @io.swagger.v3.oas.annotations.media.Schema(example = "2026-11-24T00:00:00+08:00")) @RequestParam(required = false) String from,
			@io.swagger.v3.oas.annotations.Parameter(description = "ISO-8601 date-time (no offset: Beijing time) or date (midnight, Beijing time) · ISO-8601 时间或日期（未带时区即北京时间）",
			schema = @io.swagger.v3.oas.annotations.media.Schema(example = "2026-11-24T00:00:00+08:00")) @RequestParam(required = false) String to) {
		Instant t = to == null ? Instant.now() : time("to", to);
		Instant f = from == null ? t.minus(java.time.Duration.ofDays(7)) : time("from", from);
		return readings.gaps(id, f, t);
	}

	@GetMapping("/meters/{id}/series")
	@Operation(operationId = "getMeterSeries", summary = "A meter's rollups at a grain (QUARTER, HOUR, DAY, MONTH) in from (inclusive) to (exclusive), in its unit, tce and tCO2; "
			+ "at most 31 days of quarter hours, 92 of hours, 2 years of days, 20 years of months · 表计汇总序列")
	MeterSeries series(@Parameter(description = METER_ID) @PathVariable long id,
			@Parameter(description = "The rollup grain: QUARTER (15 min), HOUR, DAY, MONTH (Beijing time) · 汇总粒度") @RequestParam(defaultValue = "HOUR") Grain grain,
			@io.swagger.v3.oas.annotations.Parameter(description = "ISO-8601 date-time (no offset: Beijing time) or date (midnight, Beijing time) · ISO-8601 时间或日期（未带时区即北京时间）",
			schema = @io.swagger.v3.oas.annotations.media.Schema(example = "2026-11-24T00:00:00+08:00")) @RequestParam String from, @io.swagger.v3.oas.annotations.Parameter(description = "ISO-8601 date-time (no offset: Beijing time) or date (midnight, Beijing time) · ISO-8601 时间或日期（未带时区即北京时间）",
			schema = @io.swagger.v3.oas.annotations.media.Schema(example = "2026-11-24T00:00:00+08:00")) @RequestParam String to) {
		return readings.meterSeries(id, grain, time("from", from), time("to", to));
	}

	private static Instant time(String field, String text) {
		try {
			return ReadingIngest.timestamp(text.length() == 10 ? text + "T00:00:00" : text);
		}
		catch (RuntimeException ex) {
			// an API helper, not a page: turns a parse failure into the 400 problem naming the parameter
			throw new InvalidInputException(field, "a date (2026-11-24) or an ISO-8601 time");
		}
	}
}
