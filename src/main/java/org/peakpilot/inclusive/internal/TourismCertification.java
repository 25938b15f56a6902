package org.peakpilot.inclusive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.EvidenceDocument;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.shared.CsvTable;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 2027 tourism certification (碳普惠 + 旅游, plan 二(二)3–4): criteria as data (the plan folder's
 * {@code tourism-certification.csv}, its version the file's SHA-256 prefix), applications of scenic spots and tourism
 * enterprises (partners: a SCENIC_AREA partner applies as a scenic spot, any other as an enterprise) with a statement
 * per applicable criterion and evidence documents ({@link EvidenceDocument}), the office's review with a verdict and a
 * reason per criterion (all met: certified with a serial; any not met: rejected), and the public list of the certified.
 * A partner reaches its own applications only; the office (CITY_ADMIN, CITY_OFFICER) all.
 */
@Component
public class TourismCertification {

	static final String FILE = "tourism-certification.csv";
	public static final int STATEMENT_MAX = 2000;
	public static final int REASON_MAX = 1000;
	public static final int COMMENT_MAX = 2000;
	public static final int FILE_NAME_MAX = 200;

	@Schema(name = "TourismApplicantKind", description = "SCENIC_SPOT or ENTERPRISE · 景区或企业")
	public enum Kind {
		SCENIC_SPOT, ENTERPRISE
	}

	@Schema(name = "TourismApplicationStatus", description = "DRAFT, SUBMITTED, CERTIFIED or REJECTED · 草稿、已提交、已认证、已驳回")
	public enum Status {
		DRAFT, SUBMITTED, CERTIFIED, REJECTED
	}

	/** A criterion of the file; {@code appliesTo} null: all applicants. */
	@Schema(name = "TourismCriterion", description = "A criterion of the tourism certification · 旅游认证条件")
	public record Criterion(
			@Schema(example = "TC1", description = "Code · 条件代码") String code,
			@Schema(description = "SCENIC_SPOT or ENTERPRISE; absent: all · 适用对象（空为全部）") Kind appliesTo,
			@Schema(description = "Text in Chinese · 中文条文") String nameZh,
			@Schema(description = "Text in English · 英文条文") String nameEn,
			@Schema(description = "Whether an evidence document is required · 是否须附证明材料") boolean evidenceRequired,
			@Schema(description = "Source with its verification tag · 来源及核验标记") String source) {

		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}

		public boolean appliesTo(Kind kind) {
			return appliesTo == null || appliesTo == kind;
		}
	}

	@Schema(name = "TourismCriteria", description = "The criteria in force and their version · 现行认证条件及版本")
	public record Criteria(
			@Schema(example = "tc-3f2a9c01d4", description = "The version (SHA-256 prefix of the file) · 条件版本") String version,
			@Schema(description = "The criteria · 条件") List<Criterion> criteria) {
	}

	@Schema(name = "TourismClaim", description = "A statement for one criterion and the office's verdict · 单项条件的说明及审核结论")
	public record Claim(
			@Schema(example = "TC1", description = "Criterion code · 条件代码") String criterion,
			@Schema(description = "How the applicant meets it · 申请方说明") String statement,
			@Schema(description = "MET or NOT_MET; absent until reviewed · 审核结论") String verdict,
			@Schema(description = "The office's reason · 审核理由") String reason) {
	}

	@Schema(name = "TourismEvidence", description = "An evidence document · 证明材料")
	public record Evidence(
			@Schema(description = "Id · 编号") long id,
			@Schema(description = "For this criterion; absent: the whole application · 对应条件") String criterion,
			@Schema(description = "File name · 文件名") String fileName,
			@Schema(description = "PDF, PNG or JPEG · 文件类型") String contentType,
			@Schema(description = "SHA-256 of the content · 内容 SHA-256") String sha256,
			@Schema(description = "When uploaded · 上传时间") Instant uploadedAt) {
	}

	@Schema(name = "TourismApplication", description = "An application for the tourism certification · 旅游低碳认证申请")
	public record Application(
			@Schema(description = "Id · 编号") long id,
			@Schema(description = "The applicant (partner id) · 申请方编号") long partnerId,
			@Schema(description = "The applicant's name · 申请方名称") String partnerName,
			@Schema(description = "The applicant's county · 区县代码") String countyCode,
			@Schema(description = "Scenic spot or enterprise · 景区或企业") Kind kind,
			@Schema(description = "The criteria version applied against · 条件版本") String criteriaVersion,
			@Schema(description = "Status · 状态") Status status,
			@Schema(description = "CERTIFIED: the certificate's serial · 认证编号") String serial,
			@Schema(description = "CERTIFIED: the day · 认证日期") LocalDate certifiedOn,
			@Schema(description = "The office's comment · 审核意见") String decisionComment,
			@Schema(description = "Who decided · 审核人") String decidedBy,
			@Schema(description = "When decided · 审核时间") Instant decidedAt,
			@Schema(description = "When submitted · 提交时间") Instant submittedAt,
			@Schema(description = "Statements and verdicts per criterion · 各条件说明及结论") List<Claim> claims,
			@Schema(description = "Evidence documents · 证明材料") List<Evidence> evidence) {
	}

	@Schema(name = "TourismCertified", description = "A certified scenic spot or enterprise (public) · 已认证的景区或企业（公开）")
	public record Certified(
			@Schema(description = "Certificate serial · 认证编号") String serial,
			@Schema(description = "Name · 名称") String name,
			@Schema(description = "Scenic spot or enterprise · 景区或企业") Kind kind,
			@Schema(description = "County (GB/T 2260) · 区县代码") String countyCode,
			@Schema(description = "Day certified · 认证日期") LocalDate certifiedOn,
			@Schema(description = "Criteria version · 条件版本") String criteriaVersion) {
	}

	/** A verdict the office gives on one criterion. */
	public record Verdict(String criterion, Boolean met, String reason) {
	}

	/** The parsed file. */
	private final Criteria criteria;
	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final Partners partners;

	@org.springframework.beans.factory.annotation.Autowired
	TourismCertification(PilotPlan plan, JdbcClient jdbc, AuditLog audit, Clock clock, Partners partners) {
		this(read(plan.planFile(FILE)), jdbc, audit, clock, partners);
	}

	TourismCertification(Criteria criteria, JdbcClient jdbc, AuditLog audit, Clock clock, Partners partners) {
		this.partners = partners;
		this.criteria = criteria;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
	}

	static Criteria read(Optional<Resource> file) {
		if (file.isEmpty()) {
			return new Criteria("none", List.of());
		}
		byte[] bytes;
		try (InputStream in = file.get().getInputStream()) {
			bytes = in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read the plan's " + FILE, ex);
		}
		return parse(bytes);
	}

	/** Parses the criteria; a bad row stops the start naming file, line and column. */
	public static Criteria parse(byte[] bytes) {
		Map<String, Criterion> rows = new LinkedHashMap<>();
		try {
			for (CsvTable.Row r : CsvTable.parse(new String(bytes, StandardCharsets.UTF_8)).rows()) {
				String code = r.require("code");
				if (!code.matches("[A-Z][A-Z0-9]{0,15}")) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'code' '" + code + "' must be 1–16 capitals and digits");
				}
				String applies = r.require("applies_to");
				Kind kind = switch (applies) {
					case "ALL" -> null;
					case "SCENIC_SPOT" -> Kind.SCENIC_SPOT;
					case "ENTERPRISE" -> Kind.ENTERPRISE;
					default -> throw new IllegalArgumentException("line " + r.line() + ": column 'applies_to' must be ALL, SCENIC_SPOT or ENTERPRISE");
				};
				String evidence = r.require("evidence_required");
				if (!evidence.equals("true") && !evidence.equals("false")) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'evidence_required' must be true or false");
				}
				String source = r.require("source");
				if (!source.startsWith("[")) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'source' must start with a verification tag such as [unverified]");
				}
				if (rows.put(code, new Criterion(code, kind, r.require("name_zh"), r.require("name_en"), Boolean.parseBoolean(evidence), source)) != null) {
					throw new IllegalArgumentException("line " + r.line() + ": column 'code' '" + code + "' repeats an earlier row");
				}
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(FILE + ": " + ex.getMessage(), ex);
		}
		String version;
		try {
			version = "tc-" + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 10);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return new Criteria(version, List.copyOf(rows.values()));
	}

	public Criteria criteria() {
		return criteria;
	}

	/** The criteria that apply to a kind of applicant. */
	public List<Criterion> criteria(Kind kind) {
		return criteria.criteria().stream().filter(c -> c.appliesTo(kind)).toList();
	}

	// ---------------------------------------------------------------- the applicant (PARTNER)

	/** The calling partner's kind of applicant. */
	public Kind callerKind() {
		return kindOf(callerPartner());
	}

	/**
	 * A partner starts an application (a draft) with a statement per criterion that applies to it (all required). 409
	 * while it has a draft or a submitted application, or is certified.
	 */
	@Transactional
	public Application apply(Map<String, String> statements) {
		long partner = callerPartner();
		Kind kind = kindOf(partner);
		List<InputError> errors = new ArrayList<>();
		Map<String, String> given = statements == null ? Map.of() : statements;
		List<Criterion> applicable = criteria(kind);
		if (applicable.isEmpty()) {
			throw new RuleViolationException("the plan has no tourism-certification criteria");
		}
		Set<String> codes = new HashSet<>();
		applicable.forEach(c -> codes.add(c.code()));
		for (String code : given.keySet()) {
			if (!codes.contains(code)) {
				errors.add(InputError.field("statements." + code, "is not a criterion for a " + kind + " (criteria: " + codes.stream().sorted().toList() + ")"));
			}
		}
		for (Criterion c : applicable) {
			String s = given.get(c.code());
			if (s == null || s.isBlank()) {
				errors.add(InputError.field("statements." + c.code(), "is required: how the applicant meets " + c.code()));
			}
			else if (s.strip().length() > STATEMENT_MAX) {
				errors.add(InputError.field("statements." + c.code(), "at most " + STATEMENT_MAX + " characters"));
			}
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		boolean open = jdbc.sql("SELECT count(*) FROM inclusive_cert_application WHERE partner_id = :p AND status IN ('DRAFT','SUBMITTED','CERTIFIED')")
			.param("p", partner).query(Long.class).single() > 0;
		if (open) {
			throw new RuleViolationException("the partner already has an open application or is certified", true);
		}
		long id = jdbc.sql("""
				INSERT INTO inclusive_cert_application (partner_id, kind, criteria_version, status, created_by, created_at)
				VALUES (:p, :kind, :version, 'DRAFT', :by, :at) RETURNING id
				""").param("p", partner).param("kind", kind.name()).param("version", criteria.version())
			.param("by", AccessScope.current().actor()).param("at", now()).query(Long.class).single();
		for (Criterion c : applicable) {
			jdbc.sql("INSERT INTO inclusive_cert_claim (application_id, criterion_code, statement) VALUES (:a, :c, :s)")
				.param("a", id).param("c", c.code()).param("s", given.get(c.code()).strip()).update();
		}
		Application a = application(id);
		audit.record("inclusive.tourism-applied", "inclusive-tourism-application", id, null, a);
		return a;
	}

	/** Attaches an evidence document to a draft (for one criterion, or the whole application when null). */
	@Transactional
	public Evidence addEvidence(long applicationId, String criterion, String fileName, byte[] bytes) {
		Application a = application(applicationId);
		requireApplicant(a);
		if (a.status() != Status.DRAFT) {
			throw new RuleViolationException("evidence is attached while the application is a draft", true);
		}
		List<InputError> errors = new ArrayList<>();
		String code = criterion == null || criterion.isBlank() ? null : criterion.strip();
		if (code != null && a.claims().stream().noneMatch(c -> c.criterion().equals(code))) {
			errors.add(InputError.field("criterion", "is not a criterion of this application"));
		}
		if (bytes == null || bytes.length == 0) {
			errors.add(InputError.field("file", "is required: a PDF, PNG or JPEG document"));
		}
		EvidenceDocument doc = EvidenceDocument.check(bytes, errors, "");
		String name = fileName == null || fileName.isBlank() ? null : fileName.strip();
		if (name != null && name.length() > FILE_NAME_MAX) {
			name = name.substring(name.length() - FILE_NAME_MAX);
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		if (name == null) {
			name = doc.defaultName("evidence-" + applicationId);
		}
		long id = jdbc.sql("""
				INSERT INTO inclusive_cert_evidence (application_id, criterion_code, file_name, content_type, sha256, content, uploaded_by, uploaded_at)
				VALUES (:a, :c, :n, :t, :h, :b, :by, :at) RETURNING id
				""").param("a", applicationId).param("c", code).param("n", name).param("t", doc.contentType()).param("h", doc.sha256())
			.param("b", doc.bytes()).param("by", AccessScope.current().actor()).param("at", now()).query(Long.class).single();
		Evidence e = application(applicationId).evidence().stream().filter(x -> x.id() == id).findFirst().orElseThrow();
		audit.record("inclusive.tourism-evidence", "inclusive-tourism-application", applicationId, null, e);
		return e;
	}

	/** Submits a draft for review: every criterion that requires evidence must have a document (422 naming them). */
	@Transactional
	public Application submit(long applicationId) {
		Application a = application(applicationId);
		requireApplicant(a);
		if (a.status() != Status.DRAFT) {
			throw new RuleViolationException("only a draft can be submitted", true);
		}
		List<String> missing = criteria(a.kind()).stream().filter(Criterion::evidenceRequired)
			.map(Criterion::code).filter(code -> a.evidence().stream().noneMatch(e -> code.equals(e.criterion()))).toList();
		if (!missing.isEmpty()) {
			throw new RuleViolationException("evidence documents are required for " + missing);
		}
		jdbc.sql("UPDATE inclusive_cert_application SET status = 'SUBMITTED', submitted_at = :at WHERE id = :id")
			.param("at", now()).param("id", applicationId).update();
		Application after = application(applicationId);
		audit.record("inclusive.tourism-submitted", "inclusive-tourism-application", applicationId, a.status(), after.status());
		return after;
	}

	// ---------------------------------------------------------------- reading

	/** The caller's applications (a partner its own, the office all), open ones first. */
	public List<Application> applications() {
		Long partner = callerPartnerOrOffice();
		return jdbc.sql("""
				SELECT id FROM inclusive_cert_application WHERE (CAST(:p AS bigint) IS NULL OR partner_id = :p)
				ORDER BY CASE status WHEN 'SUBMITTED' THEN 0 WHEN 'DRAFT' THEN 1 ELSE 2 END, id DESC LIMIT 500
				""").param("p", partner).query(Long.class).list().stream().map(this::load).toList();
	}

	/** One application within the caller's reach; not found otherwise. */
	public Application application(long id) {
		Long partner = callerPartnerOrOffice();
		Application a = jdbc.sql("SELECT id FROM inclusive_cert_application WHERE id = :id AND (CAST(:p AS bigint) IS NULL OR partner_id = :p)")
			.param("id", id).param("p", partner).query(Long.class).optional().map(this::load)
			.orElseThrow(() -> new NotFoundException("tourism application " + id));
		return a;
	}

	/** An evidence document's content within the caller's reach. */
	public EvidenceDocument evidenceContent(long applicationId, long evidenceId) {
		application(applicationId);
		return jdbc.sql("SELECT content, content_type, sha256 FROM inclusive_cert_evidence WHERE id = :id AND application_id = :a")
			.param("id", evidenceId).param("a", applicationId)
			.query((rs, n) -> new EvidenceDocument(rs.getBytes("content"), rs.getString("content_type"), rs.getString("sha256"))).optional()
			.orElseThrow(() -> new NotFoundException("evidence " + evidenceId));
	}

	/** The certified scenic spots and enterprises (the public list), newest first. */
	public List<Certified> certified() {
		return jdbc.sql("""
				SELECT a.serial, p.name, a.kind, p.county_code, a.certified_on, a.criteria_version
				FROM inclusive_cert_application a JOIN inclusive_partner p ON p.id = a.partner_id
				WHERE a.status = 'CERTIFIED' ORDER BY a.certified_on DESC, a.id DESC LIMIT 1000
				""").query((rs, n) -> new Certified(rs.getString("serial"), rs.getString("name"), Kind.valueOf(rs.getString("kind")),
					rs.getString("county_code"), rs.getObject("certified_on", LocalDate.class), rs.getString("criteria_version"))).list();
	}

	// ---------------------------------------------------------------- the office

	/**
	 * The office reviews a submitted application: a verdict (met or not) for every criterion of the application, a
	 * reason for each one not met; all met → CERTIFIED with a serial ({@code LSTC-{year}-{id}}) and today's date
	 * (Beijing); otherwise REJECTED. Audited.
	 */
	@Transactional
	public Application review(long applicationId, List<Verdict> verdicts, String comment) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		Application a = application(applicationId);
		if (a.status() != Status.SUBMITTED) {
			throw new RuleViolationException("only a submitted application can be reviewed", true);
		}
		List<InputError> errors = new ArrayList<>();
		Map<String, Verdict> byCode = new HashMap<>();
		List<Verdict> given = verdicts == null ? List.of() : verdicts;
		for (int i = 0; i < given.size(); i++) {
			Verdict v = given.get(i);
			String at = "verdicts[" + i + "]";
			if (v == null || v.criterion() == null || a.claims().stream().noneMatch(c -> c.criterion().equals(v.criterion()))) {
				errors.add(InputError.field(at + ".criterion", "is not a criterion of this application"));
				continue;
			}
			if (byCode.put(v.criterion(), v) != null) {
				errors.add(InputError.field(at + ".criterion", "repeats " + v.criterion()));
			}
			if (v.met() == null) {
				errors.add(InputError.field(at + ".met", "is required: true or false"));
			}
			String reason = v.reason() == null ? "" : v.reason().strip();
			if (Boolean.FALSE.equals(v.met()) && reason.isEmpty()) {
				errors.add(InputError.field(at + ".reason", "is required for a criterion not met"));
			}
			if (reason.length() > REASON_MAX) {
				errors.add(InputError.field(at + ".reason", "at most " + REASON_MAX + " characters"));
			}
		}
		for (Claim c : a.claims()) {
			if (!byCode.containsKey(c.criterion())) {
				errors.add(InputError.field("verdicts", "a verdict for " + c.criterion() + " is required"));
			}
		}
		String text = comment == null || comment.isBlank() ? null : comment.strip();
		if (text != null && text.length() > COMMENT_MAX) {
			errors.add(InputError.field("comment", "at most " + COMMENT_MAX + " characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		for (Verdict v : byCode.values()) {
			jdbc.sql("UPDATE inclusive_cert_claim SET verdict = :v, reason = :r WHERE application_id = :a AND criterion_code = :c")
				.param("v", v.met() ? "MET" : "NOT_MET").param("r", v.reason() == null || v.reason().isBlank() ? null : v.reason().strip())
				.param("a", applicationId).param("c", v.criterion()).update();
		}
		boolean allMet = byCode.values().stream().allMatch(Verdict::met);
		LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai"));
		jdbc.sql("""
				UPDATE inclusive_cert_application SET status = :s, serial = :serial, certified_on = :on, decided_by = :by, decided_at = :at,
				    decision_comment = :comment WHERE id = :id
				""").param("s", allMet ? "CERTIFIED" : "REJECTED")
			.param("serial", allMet ? "LSTC-" + today.getYear() + "-" + String.format(Locale.ROOT, "%05d", applicationId) : null)
			.param("on", allMet ? today : null).param("by", AccessScope.current().actor()).param("at", now()).param("comment", text)
			.param("id", applicationId).update();
		Application after = application(applicationId);
		audit.record(allMet ? "inclusive.tourism-certified" : "inclusive.tourism-rejected", "inclusive-tourism-application", applicationId,
				a.claims(), after.claims());
		return after;
	}

	// ---------------------------------------------------------------- helpers

	private Application load(long id) {
		List<Claim> claims = jdbc.sql("SELECT * FROM inclusive_cert_claim WHERE application_id = :a ORDER BY criterion_code")
			.param("a", id).query((rs, n) -> new Claim(rs.getString("criterion_code"), rs.getString("statement"), rs.getString("verdict"),
					rs.getString("reason"))).list();
		List<Evidence> evidence = jdbc.sql("""
				SELECT id, criterion_code, file_name, content_type, sha256, uploaded_at FROM inclusive_cert_evidence
				WHERE application_id = :a ORDER BY id
				""").param("a", id).query((rs, n) -> new Evidence(rs.getLong("id"), rs.getString("criterion_code"), rs.getString("file_name"),
					rs.getString("content_type"), rs.getString("sha256"), rs.getObject("uploaded_at", OffsetDateTime.class).toInstant())).list();
		return jdbc.sql("""
				SELECT a.*, p.name AS partner_name, p.county_code FROM inclusive_cert_application a
				JOIN inclusive_partner p ON p.id = a.partner_id WHERE a.id = :id
				""").param("id", id).query((rs, n) -> row(rs, claims, evidence)).single();
	}

	private static Application row(ResultSet rs, List<Claim> claims, List<Evidence> evidence) throws SQLException {
		OffsetDateTime decided = rs.getObject("decided_at", OffsetDateTime.class);
		OffsetDateTime submitted = rs.getObject("submitted_at", OffsetDateTime.class);
		return new Application(rs.getLong("id"), rs.getLong("partner_id"), rs.getString("partner_name"), rs.getString("county_code"),
				Kind.valueOf(rs.getString("kind")), rs.getString("criteria_version"), Status.valueOf(rs.getString("status")),
				rs.getString("serial"), rs.getObject("certified_on", LocalDate.class), rs.getString("decision_comment"),
				rs.getString("decided_by"), decided == null ? null : decided.toInstant(), submitted == null ? null : submitted.toInstant(),
				claims, evidence);
	}

	private void requireApplicant(Application a) {
		if (!AccessScope.current().hasRole(Role.PARTNER)) {
			throw new AccessDeniedException("only the applicant changes its application");
		}
	}

	private Kind kindOf(long partner) {
		String kind = jdbc.sql("SELECT kind FROM inclusive_partner WHERE id = :id").param("id", partner).query(String.class).single();
		return "SCENIC_AREA".equals(kind) ? Kind.SCENIC_SPOT : Kind.ENTERPRISE;
	}

	private long callerPartner() {
		Long p = callerPartnerOrOffice();
		if (p == null) {
			throw new AccessDeniedException("only a partner applies for the tourism certification");
		}
		return p;
	}

	private Long callerPartnerOrOffice() {
		return partners.ofCallerOrOffice("the tourism certification");
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}
}
