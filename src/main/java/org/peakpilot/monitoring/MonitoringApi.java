package org.peakpilot.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.peakpilot.monitoring.MonitoringModel.BackfillForm;
import org.peakpilot.monitoring.MonitoringModel.Correction;
import org.peakpilot.monitoring.MonitoringModel.CreatedGateway;
import org.peakpilot.monitoring.MonitoringModel.Gap;
import org.peakpilot.monitoring.MonitoringModel.Gateway;
import org.peakpilot.monitoring.MonitoringModel.Grain;
import org.peakpilot.monitoring.MonitoringModel.IngestResult;
import org.peakpilot.monitoring.MonitoringModel.Meter;
import org.peakpilot.monitoring.MonitoringModel.MeterForm;
import org.peakpilot.monitoring.MonitoringModel.QuarantineEntry;
import org.peakpilot.monitoring.MonitoringModel.QuarantineStatus;
import org.peakpilot.monitoring.MonitoringModel.Replacement;
import org.peakpilot.monitoring.MonitoringModel.ReplacementForm;
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
import org.springframework.web.bind.annotation.RestController;

/** Online monitoring over REST: meters, gateways, readings in, quarantine, exchanges, back-fills, gaps, rollups. */
@RestController
@RequestMapping("/api/v1/monitoring")
@Tag(name = "monitoring", description = "Online energy monitoring: meters, readings ingest, quarantine, rollups")
class MonitoringApi {

	/** The largest request body a batch may have. */
	static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

	private final EnergyMonitoring monitoring;

	MonitoringApi(EnergyMonitoring monitoring) {
		this.monitoring = monitoring;
	}

	@PostMapping(path = "/readings", consumes = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
	@Operation(summary = "Send a batch of readings (JSON or CSV) with a gateway's device token", description = """
			Authorization: Bearer ppd_… (a gateway's device token; an enterprise user's own login works too).
			JSON: {"readings": [{"meter": "E-01", "ts": "2026-11-24T10:15:00+08:00", "value": 123456.7, "unit": "kWh"}]}
			  meter: the meter's code within the gateway's enterprise (or "meterId": its number); ts: the END of the interval,
			  ISO-8601 (no offset = Beijing time), on the meter's interval grid; value: the register (COUNTER meters) or the
			  interval's quantity (INTERVAL meters) before the multiplier; unit: optional, must be the meter's.
			CSV (Content-Type text/csv): a header meter,ts,value[,unit] then one reading per line.
			At most 10,000 readings and 4 MiB per batch. The answer counts stored readings, duplicates (already stored with the
			same value: resending is safe) and quarantined ones with their index in the batch and reason; good readings of a
			mixed batch are stored. 400: the batch cannot be read at all; 413: too large; 503: database unavailable, nothing
			stored, send again.""")
	IngestResult readings(HttpServletRequest request) throws IOException {
		String body = body(request);
		String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase();
		return type.startsWith("text/csv") ? monitoring.ingestCsv(body) : monitoring.ingestJson(body);
	}

	private static String body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw new BodyTooLargeException();
		}
		try (InputStream in = request.getInputStream()) {
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
				? "the body is larger than 4 MiB; send at most " + EnergyMonitoring.MAX_BATCH + " readings per batch"
				: ex.getMessage());
		p.setType(java.net.URI.create("/problems/batch-too-large"));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}

	@GetMapping("/meters")
	List<Meter> meters(@RequestParam(required = false) Long enterpriseId) {
		return monitoring.meters(enterpriseId);
	}

	@GetMapping("/meters/{id}")
	Meter meter(@PathVariable long id) {
		return monitoring.meter(id);
	}

	@PostMapping("/enterprises/{enterpriseId}/meters")
	@Operation(summary = "Register a meter", description = """
			{"code": "E-01", "name": "1# 主变 main transformer", "facility": "熟料线 clinker line", "energyCode": "ELECTRICITY",
			 "unit": "kWh", "kind": "COUNTER", "multiplier": 1200, "intervalMinutes": 15, "productCode": "CLINKER",
			 "maxPerInterval": 20000, "counterMax": 99999999.99}
			energyCode: ELECTRICITY, HEAT or a fuel code of /api/v1/accounting/factors; unit: one the calculator accepts for it.""")
	ResponseEntity<Meter> register(@PathVariable long enterpriseId, @RequestBody MeterForm form) {
		return ResponseEntity.status(HttpStatus.CREATED).body(monitoring.registerMeter(enterpriseId, form));
	}

	@PutMapping("/meters/{id}")
	Meter update(@PathVariable long id, @RequestBody MeterForm form) {
		return monitoring.updateMeter(id, form);
	}

	@GetMapping("/enterprises/{enterpriseId}/gateways")
	List<Gateway> gateways(@PathVariable long enterpriseId) {
		return monitoring.gateways(enterpriseId);
	}

	record GatewayName(String name) {
	}

	@PostMapping("/enterprises/{enterpriseId}/gateways")
	@Operation(summary = "Create a gateway and its device token (shown once)")
	ResponseEntity<CreatedGateway> createGateway(@PathVariable long enterpriseId, @RequestBody GatewayName body) {
		return ResponseEntity.status(HttpStatus.CREATED).body(monitoring.createGateway(enterpriseId, body.name()));
	}

	@PostMapping("/gateways/{id}/revoke")
	Gateway revoke(@PathVariable long id) {
		return monitoring.revokeGateway(id);
	}

	@PostMapping("/gateways/{id}/rotate")
	@Operation(summary = "Give a gateway a new device token (shown once); the old one stops working")
	CreatedGateway rotate(@PathVariable long id) {
		return monitoring.rotateGatewayToken(id);
	}

	@GetMapping("/quarantine")
	@Operation(summary = "Quarantined readings in the caller's scope, newest first; limit 1 to 1000 (default 200)")
	List<QuarantineEntry> quarantine(@RequestParam(required = false) Long enterpriseId,
			@RequestParam(required = false) QuarantineStatus status, @RequestParam(required = false) Integer limit) {
		return monitoring.quarantine(enterpriseId, status, QueryLimits.limit("limit", limit, 200));
	}

	@GetMapping("/quarantine/{id}")
	QuarantineEntry quarantined(@PathVariable long id) {
		return monitoring.quarantined(id);
	}

	@PostMapping("/quarantine/{id}/replay")
	@Operation(summary = "Replay a quarantined reading, corrected or as it was", description = """
			{"value": "1234.5", "ts": "2026-11-24T10:15:00+08:00", "comment": "decimal point restored"}: fields left out keep the
			quarantined ones; the comment is required.""")
	IngestResult replay(@PathVariable long id, @RequestBody Correction correction) {
		return monitoring.replay(id, correction);
	}

	record Comment(String comment) {
	}

	@PostMapping("/quarantine/{id}/discard")
	QuarantineEntry discard(@PathVariable long id, @RequestBody Comment body) {
		return monitoring.discard(id, body.comment());
	}

	@GetMapping("/meters/{id}/exchanges")
	List<Replacement> exchanges(@PathVariable long id) {
		return monitoring.exchanges(id);
	}

	@PostMapping("/meters/{id}/exchanges")
	@Operation(summary = "Register a meter exchange (换表)", description = """
			{"replacedAt": "2026-11-24T10:07:00+08:00", "oldFinal": 98234.5, "newInitial": 0, "reason": "register failed"}""")
	ResponseEntity<Replacement> exchange(@PathVariable long id, @RequestBody ReplacementForm form) {
		return ResponseEntity.status(HttpStatus.CREATED).body(monitoring.registerExchange(id, form));
	}

	@PostMapping("/meters/{id}/backfill")
	@Operation(summary = "Back-fill missing intervals (数据补录) with a reason, all or nothing", description = """
			{"reason": "gateway offline 2026-11-20, values read on site", "readings": [{"ts": "2026-11-20T08:15:00+08:00", "value": "1200"}]}""")
	IngestResult backfill(@PathVariable long id, @RequestBody BackfillForm form) {
		return monitoring.backfill(id, form);
	}

	@GetMapping("/meters/{id}/gaps")
	@Operation(summary = "Missing intervals of a meter between two times (default: the last 7 days; at most 31 days)")
	List<Gap> gaps(@PathVariable long id, @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
		Instant t = to == null ? Instant.now() : time("to", to);
		Instant f = from == null ? t.minus(java.time.Duration.ofDays(7)) : time("from", from);
		return monitoring.gaps(id, f, t);
	}

	@GetMapping("/meters/{id}/series")
	@Operation(summary = "A meter's rollups at a grain (QUARTER, HOUR, DAY, MONTH) in from (inclusive) to (exclusive), in its unit, tce and tCO2; "
			+ "at most 31 days of quarter hours, 92 of hours, 2 years of days, 20 years of months")
	MonitoringModel.MeterSeries series(@PathVariable long id, @RequestParam(defaultValue = "HOUR") Grain grain,
			@RequestParam String from, @RequestParam String to) {
		return monitoring.meterSeries(id, grain, time("from", from), time("to", to));
	}

	private static Instant time(String field, String text) {
		try {
			return ReadingIngest.timestamp(text.length() == 10 ? text + "T00:00:00" : text);
		}
		catch (RuntimeException ex) {
			throw new InvalidInputException(field, "a date (2026-11-24) or an ISO-8601 time");
		}
	}
}
