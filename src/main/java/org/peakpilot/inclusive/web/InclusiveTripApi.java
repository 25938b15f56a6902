package org.peakpilot.inclusive.web;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.peakpilot.inclusive.internal.Partners;
import org.peakpilot.inclusive.internal.PartnerSecrets;
import org.peakpilot.inclusive.internal.TripIntake;
import org.peakpilot.inclusive.internal.TripIntake.Reason;
import org.peakpilot.inclusive.internal.TripIntake.Status;
import org.peakpilot.inclusive.internal.TripIntake.TripAnswer;
import org.peakpilot.inclusive.internal.TripIntake.TripIn;
import org.peakpilot.inclusive.internal.TripRecords;
import org.peakpilot.inclusive.internal.TripRecords.StoredTrip;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Partners' green trips over REST (碳普惠 operator API, issue 14): signed batches in, one answer per trip; a partner's
 * own trips out. The partner is the caller's partner (its PARTNER user's link), never a parameter.
 */
@RestController
@RequestMapping("/api/v1/inclusive/trips")
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class InclusiveTripApi {

	private static final Logger log = LoggerFactory.getLogger(InclusiveTripApi.class);

	/** The largest body read: {@link TripIntake#MAX_BATCH} trips of at most ~1 KiB each. */
	static final int MAX_BODY_BYTES = TripIntake.MAX_BATCH * 1024;

	private final TripIntake intake;
	private final TripRecords records;
	private final Partners partners;
	private final PartnerSecrets secrets;
	private final JsonMapper json;

	InclusiveTripApi(TripIntake intake, TripRecords records, Partners partners, PartnerSecrets secrets, JsonMapper json) {
		this.intake = intake;
		this.records = records;
		this.partners = partners;
		this.secrets = secrets;
		this.json = json;
	}

	@Schema(name = "GreenTripBatch", description = "A partner's signed batch of green trips · 合作方签名的绿色出行批次")
	record GreenTripBatch(
			@ArraySchema(minItems = 1, maxItems = TripIntake.MAX_BATCH, arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
					description = "The trips, 1 to " + TripIntake.MAX_BATCH + " · 出行记录，1 至 " + TripIntake.MAX_BATCH + " 条")) List<GreenTrip> trips) {
	}

	@Schema(name = "GreenTrip", description = "One green trip as the partner recorded it · 一次绿色出行")
	record GreenTrip(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, pattern = TripIntake.EXTERNAL_ID_PATTERN, maxLength = TripIntake.EXTERNAL_ID_MAX,
					example = "bus-20261206-000123", description = "The partner's own id of the trip; with the partner, the idempotency key "
							+ "(a resend answers DUPLICATE and changes nothing) · 合作方出行编号（幂等键）") String externalId,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TripIntake.LINK_TOKEN_MAX,
					example = "ppl_3f9a2c1be07d4c55a1e2f3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
					description = "The account link token the citizen granted this partner · 用户授予合作方的账户关联令牌") String linkToken,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = TripIntake.MODE_MAX, example = "EBUS",
					description = "WALK, BIKE, BUS, EBUS, METRO or SHUTTLE; another value is refused UNKNOWN_MODE · 出行方式") String mode,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-12-06T08:10:00+08:00",
					description = "Start, ISO-8601 with offset · 开始时间") OffsetDateTime startAt,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2026-12-06T08:32:00+08:00",
					description = "End, not before startAt, at most 24 h later, not in the future · 结束时间") OffsetDateTime endAt,
			@Schema(exclusiveMinimumValue = 0, maximum = TripIntake.DISTANCE_MAX, example = "6.4",
					description = "Distance, km (passenger-km), above 0, at most " + TripIntake.DISTANCE_MAX + ", 3 decimals; "
							+ "required for per-km modes · 距离，公里") BigDecimal distanceKm,
			@Schema(minimum = "1", maximum = "" + TripIntake.STOPS_MAX, example = "9",
					description = "Stops travelled (when the distance is unknown) · 乘坐站数") Integer stops) {
	}

	@Schema(name = "GreenTripAnswer", description = "The answer for one trip · 单次出行的处理结果")
	record GreenTripAnswer(
			@Schema(description = "The partner's trip id · 合作方出行编号", example = "bus-20261206-000123") String externalId,
			@Schema(description = "CREDITED, DUPLICATE (stored before: the original answer, nothing changed), REFUSED or FLAGGED "
					+ "(implausible, waits for the office's review) · 处理结果") Status status,
			@Schema(description = "For DUPLICATE: the stored outcome (CREDITED, REFUSED, FLAGGED or REJECTED) · 重复时为原结果") Status original,
			@Schema(description = "Why refused or flagged · 拒绝或标记原因") Reason reason,
			@Schema(description = "The reduction the methodology computes, gCO2, rounded down to whole grams · 减排量，克二氧化碳（向下取整）",
					example = "172") Long gco2,
			@Schema(description = "Points credited (1 point = 1 gCO2); below gco2 when the daily cap left only the remainder · 入账积分",
					example = "172") long points,
			@Schema(description = "Whether the daily cap of the mode cut the points · 是否受每日上限削减") boolean capped,
			@Schema(description = "The methodology's code · 方法学编号", example = "LS-CM-001") String methodologyCode,
			@Schema(description = "The methodology's version · 方法学版本", example = "1") Integer methodologyVersion) {

		static GreenTripAnswer of(TripAnswer a) {
			return new GreenTripAnswer(a.externalId(), a.status(), a.original(), a.reason(), a.gco2(), a.points(), a.capped(),
					a.methodologyCode(), a.methodologyVersion());
		}
	}

	@Schema(name = "GreenTripBatchAnswer", description = "The answers, in the batch's order · 按批次顺序的处理结果")
	record GreenTripBatchAnswer(
			@Schema(description = "Trips credited now · 本次入账条数") long credited,
			@Schema(description = "Trips stored before (resends) · 重复条数") long duplicates,
			@Schema(description = "Trips refused · 拒绝条数") long refused,
			@Schema(description = "Trips flagged for review · 待复核条数") long flagged,
			@ArraySchema(arraySchema = @Schema(description = "One answer per trip · 每条出行的结果")) List<GreenTripAnswer> trips) {
	}

	@Schema(name = "PartnerGreenTrip", description = "A stored trip of the calling partner · 合作方已提交的出行")
	record PartnerGreenTrip(
			@Schema(description = "Id of the stored trip · 出行记录编号") long id,
			@Schema(description = "The partner's trip id · 合作方出行编号") String externalId,
			@Schema(description = "Mode as sent · 出行方式") String mode,
			@Schema(description = "Start · 开始时间") OffsetDateTime startAt,
			@Schema(description = "End · 结束时间") OffsetDateTime endAt,
			@Schema(description = "Distance, km · 距离，公里") BigDecimal distanceKm,
			@Schema(description = "Stops · 站数") Integer stops,
			@Schema(description = "CREDITED, REFUSED, FLAGGED or REJECTED · 状态") Status status,
			@Schema(description = "Why refused, flagged or rejected · 原因") Reason reason,
			@Schema(description = "Reduction computed, gCO2 · 减排量，克二氧化碳") Long gco2,
			@Schema(description = "Points credited (1 point = 1 gCO2) · 入账积分") long points,
			@Schema(description = "Methodology code · 方法学编号") String methodologyCode,
			@Schema(description = "Methodology version · 方法学版本") Integer methodologyVersion,
			@Schema(description = "When it was received · 接收时间") OffsetDateTime receivedAt) {

		static PartnerGreenTrip of(StoredTrip t) {
			return new PartnerGreenTrip(t.id(), t.externalId(), t.mode(), t.startAt(), t.endAt(), t.distanceKm(), t.stops(),
					t.status(), t.reason(), t.gco2(), t.points(), t.methodologyCode(), t.methodologyVersion(), t.receivedAt());
		}
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "postGreenTrips", summary = "Push a signed batch of green trips · 推送签名的绿色出行批次", description = """
			The body's HMAC-SHA256 under the partner's signing secret (issued by the office, shown once) goes in the header
			X-PeakPilot-Signature: sha256=<64 hex digits>; a missing or wrong signature is refused with 401 and nothing is read.
			Each trip is answered: CREDITED (gco2 = ER = BE − PE by the methodology in force on the trip's Beijing day, rounded
			down to whole grams; points = gco2, or the remainder under the daily cap per citizen and mode, capped = true),
			DUPLICATE (the partner sent this externalId before: the stored answer, nothing changes), REFUSED with a reason
			(NO_CONSENT_OR_UNKNOWN_LINK, UNKNOWN_MODE, OUTSIDE_CLAIM_WINDOW (ended more than the claim window ago, 7 days by
			default), MODE_NOT_CONFIGURED (no figure for the mode yet), DISTANCE_REQUIRED, OVERLAPPING_TRIP (overlaps a
			credited trip of the same citizen, from any partner: one claim per physical trip), DAILY_CAP_REACHED) or FLAGGED
			(IMPOSSIBLE_SPEED: stored for the office's review, not credited). A malformed batch (more than the maximum
			trips, a repeated externalId, absurd values) is refused whole with 400 naming each row and field.
			请求头 X-PeakPilot-Signature: sha256=<请求体以合作方签名密钥计算的 HMAC-SHA256 十六进制>；签名缺失或错误返回 401。
			每条出行返回：CREDITED（按出行当日（北京时间）有效的方法学计算减排量，向下取整到克；积分=减排量，或每日上限剩余部分）、
			DUPLICATE（同一合作方同一编号已提交，返回原结果且不作任何改变）、REFUSED（附原因）或 FLAGGED（速度异常，待人工复核，不入账）。
			批次格式错误整批返回 400，并指明行与字段。""")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
			schema = @Schema(implementation = GreenTripBatch.class), examples = @ExampleObject(name = "two trips · 两次出行", value = """
					{"trips": [
					  {"externalId": "ebus-20261206-000123", "linkToken": "ppl_3f9a2c1be07d4c55a1e2f3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
					   "mode": "EBUS", "startAt": "2026-12-06T08:10:00+08:00", "endAt": "2026-12-06T08:32:00+08:00", "distanceKm": 6.4},
					  {"externalId": "bus-20261206-000124", "linkToken": "ppl_3f9a2c1be07d4c55a1e2f3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8",
					   "mode": "BUS", "startAt": "2026-12-06T17:40:00+08:00", "endAt": "2026-12-06T18:05:00+08:00", "stops": 9}
					]}""")))
	@ApiResponse(responseCode = "401", description = "Missing or wrong X-PeakPilot-Signature · 签名缺失或错误")
	@ApiResponse(responseCode = "413", description = "Body above " + MAX_BODY_BYTES + " bytes · 请求体过大")
	GreenTripBatchAnswer post(HttpServletRequest request) throws IOException {
		long partnerId = partners.ofCurrentUser().orElseThrow(NoPartnerException::new);
		byte[] body = body(request);
		if (!secrets.verify(partnerId, body, request.getHeader(PartnerSecrets.HEADER))) {
			log.warn("Trip batch of partner {} refused: missing or wrong signature", partnerId);
			throw new BadSignatureException();
		}
		GreenTripBatch batch;
		try {
			batch = json.readValue(body, GreenTripBatch.class);
		}
		catch (JacksonException ex) {
			throw new InvalidInputException(List.of(unreadable(ex)));
		}
		if (batch == null || batch.trips() == null) {
			throw new InvalidInputException("trips", "a batch has 1 to " + TripIntake.MAX_BATCH + " trips");
		}
		List<TripIn> trips = batch.trips().stream().map(t -> t == null ? null
				: new TripIn(t.externalId(), t.linkToken(), t.mode(), t.startAt(), t.endAt(), t.distanceKm(), t.stops())).toList();
		List<GreenTripAnswer> answers = intake.post(partnerId, trips).stream().map(GreenTripAnswer::of).toList();
		return new GreenTripBatchAnswer(count(answers, Status.CREDITED), count(answers, Status.DUPLICATE),
				count(answers, Status.REFUSED), count(answers, Status.FLAGGED), answers);
	}

	private static long count(List<GreenTripAnswer> answers, Status s) {
		return answers.stream().filter(a -> a.status() == s).count();
	}

	/** The path of a JSON error as a field ("trips[3].distanceKm") and its row (1-based trip), where known. */
	static InputError unreadable(JacksonException ex) {
		StringBuilder field = new StringBuilder();
		Integer row = null;
		for (JacksonException.Reference r : ex.getPath()) {
			if (r.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(r.getPropertyName());
			}
			else if (r.getIndex() >= 0) {
				field.append('[').append(r.getIndex()).append(']');
				if (row == null) {
					row = r.getIndex() + 1;
				}
			}
		}
		return new InputError(row, field.isEmpty() ? "body" : field.toString(), "not readable as a batch of trips (JSON with the documented types)");
	}

	@GetMapping
	@Operation(operationId = "listPartnerTrips", summary = "The calling partner's stored trips, newest first · 本合作方已提交的出行（最新在前）")
	List<PartnerGreenTrip> list(
			@Parameter(description = "Received on or after this Beijing day · 接收日期起（北京时间）", example = "2026-12-01") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@Parameter(description = "Received on or before this Beijing day · 接收日期止（北京时间）", example = "2026-12-06") @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
			@Parameter(description = "Only this status: CREDITED, REFUSED, FLAGGED or REJECTED · 仅此状态") @RequestParam(required = false) Status status,
			@Parameter(description = "Paging: trips with an id below this · 分页：编号小于此值") @RequestParam(required = false) Long beforeId,
			@Parameter(description = "At most this many, 1 to " + TripRecords.LIST_MAX + " · 最多条数", example = "100") @RequestParam(defaultValue = "100") int limit) {
		long partnerId = partners.ofCurrentUser().orElseThrow(NoPartnerException::new);
		return records.ofPartner(partnerId, from, to, status, beforeId, limit).stream().map(PartnerGreenTrip::of).toList();
	}

	private static byte[] body(HttpServletRequest request) throws IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			throw new TripBodyTooLargeException();
		}
		try (InputStream in = request.getInputStream()) {
			byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				throw new TripBodyTooLargeException();
			}
			return bytes;
		}
	}

	static class BadSignatureException extends RuntimeException {
	}

	static class NoPartnerException extends RuntimeException {
	}

	static class TripBodyTooLargeException extends RuntimeException {
	}

	@ExceptionHandler(BadSignatureException.class)
	ResponseEntity<ProblemDetail> badSignature() {
		return problem(HttpStatus.UNAUTHORIZED, "/problems/bad-signature", "missing or wrong " + PartnerSecrets.HEADER
				+ ": send sha256=<hex HMAC-SHA256 of the exact body under the partner's signing secret>");
	}

	@ExceptionHandler(NoPartnerException.class)
	ResponseEntity<ProblemDetail> noPartner() {
		return problem(HttpStatus.FORBIDDEN, "/problems/forbidden", "the caller acts for no active partner");
	}

	@ExceptionHandler(TripBodyTooLargeException.class)
	ResponseEntity<ProblemDetail> tooLarge() {
		return problem(HttpStatus.CONTENT_TOO_LARGE, "/problems/batch-too-large", "the body is larger than " + MAX_BODY_BYTES
				+ " bytes; send at most " + TripIntake.MAX_BATCH + " trips per batch");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String detail) {
		ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
		p.setType(java.net.URI.create(type));
		return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
	}
}
