package org.peakpilot.plan;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.plan.PlanModel.Coverage;
import org.peakpilot.plan.PlanModel.CoverageRule;
import org.peakpilot.plan.PlanModel.Direction;
import org.peakpilot.plan.PlanModel.Item;
import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Origin;
import org.peakpilot.plan.PlanModel.PlanInfo;
import org.peakpilot.plan.PlanModel.ProjectDomain;
import org.peakpilot.plan.PlanModel.Target;
import org.peakpilot.plan.PlanModel.TargetType;
import org.peakpilot.plan.PlanModel.Tracked;
import org.peakpilot.plan.PlanModel.Zone;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pilot plan: its indicators and commitments with targets, the yearly values recorded against them, and
 * where each stands. Reading is open to everyone (the public cockpit); recording values and provincial targets
 * is for the city's carbon-peak office (city administrator and city officers). The public sees entered values and
 * the computed values the office has published ({@link #publish}); signed-in users see every current value.
 */
@Component
public class PilotPlan {

	private static final Logger log = LoggerFactory.getLogger(PilotPlan.class);

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final JsonMapper json;
	private final PlanFolder folder;
	private final String planCode;
	private final CoverageRule coverageRule;

	PilotPlan(JdbcClient jdbc, AuditLog audit, Clock clock, JsonMapper json, ResourceLoader resources,
			@Value("${peakpilot.plan.location}") String location) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.json = json;
		this.folder = new PlanFolder(resources, location);
		this.planCode = folder.info().code();
		this.coverageRule = folder.coverageRule();
	}

	/** The longest source document name accepted for a value. */
	public static final int SOURCE_DOCUMENT_MAX = 500;
	/** The last year a provincial target may be entered for. */
	public static final int TARGET_YEAR_MAX = 2060;

	/** A value to record: for the API and Excel the unit is checked against the item's (Chinese or English). */
	@Schema(description = "A yearly value of an indicator or commitment to record · 待录入的指标或承诺年度数值")
	public record NewObservation(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "1",
					description = "The item's code: an indicator's number (1–31) or a commitment's (C01…), one of "
							+ "/api/v1/plan/indicators or /commitments · 指标或承诺编号") String itemCode,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "2025",
					description = "The year the value is for, from ten years before the plan's baseline year to the current "
							+ "year (Beijing time) · 数值所属年份（基准年前十年至当年）") Integer year,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = ValueRule.LIMIT_TEXT,
					example = "3.2", description = "The value, in the item's unit (%, tCO2/10k CNY, tce, count, …): never negative, "
							+ "at most 100 for a share in %, 0 or 1 for yes/no, a whole number for counts · 数值（按指标单位；"
							+ "不为负，百分比不超过 100，是否类为 0 或 1，计数为整数）") BigDecimal value,
			@Schema(example = "%", description = "Optional check: the unit the value is in, Chinese or English; must be the item's "
					+ "own · 可选：数值单位（中文或英文），须与指标单位一致") String unit,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = 1, maxLength = SOURCE_DOCUMENT_MAX,
					example = "2025年乐山市国民经济和社会发展统计公报",
					description = "The document the value comes from (e.g. the statistical bulletin) · 数值来源文件") String sourceDocument,
			@Schema(description = "A remark shown with the value · 备注") String note) {
	}

	/** The plan this installation runs. */
	public PlanInfo info() {
		return jdbc.sql("SELECT * FROM plan WHERE code = :c").param("c", planCode())
			.query((rs, n) -> new PlanInfo(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getString("city_region_code"), rs.getString("city_name_zh"), rs.getString("city_name_en"),
					rs.getInt("baseline_year"), rs.getBigDecimal("at_risk_tolerance"), rs.getInt("version"),
					rs.getObject("loaded_at", OffsetDateTime.class).toInstant()))
			.single();
	}

	/** Another file of the plan folder (the registry's divisions, parks and industries), if present. */
	public Optional<Resource> planFile(String name) {
		return folder.file(name);
	}

	/**
	 * A settings file of the plan folder (accounting.properties, budget.properties, admission.properties, …) read as
	 * UTF-8 properties; empty when the folder has no such file, so that the reading module's defaults apply. Each
	 * module checks its own keys and values.
	 */
	/** A text file of the plan folder (a CSV table) read as UTF-8; empty when the folder has no such file. */
	public Optional<String> planText(String name) {
		return planFile(name).map(r -> {
			try (java.io.InputStream in = r.getInputStream()) {
				return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException("cannot read the plan's " + name, ex);
			}
		});
	}

	public java.util.Properties planProperties(String name) {
		java.util.Properties p = new java.util.Properties();
		Optional<Resource> file = planFile(name);
		if (file.isEmpty()) {
			return p;
		}
		try (java.io.InputStream in = file.get().getInputStream()) {
			p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("cannot read the plan's " + name, ex);
		}
		return p;
	}

	public List<Item> items(Kind kind) {
		Map<String, List<Target>> targets = targets();
		return jdbc.sql("SELECT * FROM plan_item WHERE plan_code = :p AND kind = :k AND NOT retired ORDER BY seq")
			.param("p", planCode()).param("k", kind.name())
			.query((rs, n) -> item(rs, targets.getOrDefault(rs.getString("code"), List.of()))).list();
	}

	public Item item(String code) {
		Map<String, List<Target>> targets = targets();
		return jdbc.sql("SELECT * FROM plan_item WHERE plan_code = :p AND code = :c AND NOT retired")
			.param("p", planCode()).param("c", code)
			.query((rs, n) -> item(rs, targets.getOrDefault(rs.getString("code"), List.of()))).optional()
			.orElseThrow(() -> new NotFoundException("plan item " + code));
	}

	/** Every item of a kind with its progress, in the plan's order, from the current values (published or not). */
	public List<Tracked> tracked(Kind kind) {
		return tracked(kind, currentObservations());
	}

	/**
	 * As {@link #tracked(Kind)} for the public: from the values the public may see, per year the latest entered or
	 * published one (a computed value not yet published does not count; a published one counts until the office
	 * publishes the value that replaced it).
	 */
	public List<Tracked> published(Kind kind) {
		return tracked(kind, effective(jdbc.sql("SELECT * FROM plan_observation WHERE plan_code = :p ORDER BY year")
			.param("p", planCode()).query(PilotPlan::observation).list().stream().filter(Observation::published).toList()));
	}

	private List<Tracked> tracked(Kind kind, List<Observation> current) {
		PlanInfo info = info();
		Map<String, List<Observation>> byItem = current.stream().collect(Collectors.groupingBy(Observation::itemCode));
		return items(kind).stream()
			.map(i -> new Tracked(i, ProgressRule.assess(i, byItem.getOrDefault(i.code(), List.of()), info.baselineYear(),
					info.atRiskTolerance())))
			.toList();
	}

	public Tracked tracked(String code) {
		PlanInfo info = info();
		Item item = item(code);
		return new Tracked(item, ProgressRule.assess(item, history(code), info.baselineYear(), info.atRiskTolerance()));
	}

	/** As {@link #tracked(String)} for the public (see {@link #published(Kind)}). */
	public Tracked published(String code) {
		PlanInfo info = info();
		Item item = item(code);
		return new Tracked(item, ProgressRule.assess(item, effective(publishedHistory(code)), info.baselineYear(),
				info.atRiskTolerance()));
	}

	/** Every value ever recorded for an item, newest year first, replaced values after the one that replaced them. */
	public List<Observation> history(String code) {
		item(code);
		return jdbc.sql("""
				SELECT * FROM plan_observation WHERE plan_code = :p AND item_code = :c
				ORDER BY year DESC, superseded_at IS NOT NULL, id DESC
				""").param("p", planCode()).param("c", code).query(PilotPlan::observation).list();
	}

	/**
	 * As {@link #history} for the public: entered and imported values, computed ones only once published; the value
	 * the public sees for a year counts as its current one even where an unpublished recomputation replaced it.
	 */
	public List<Observation> publishedHistory(String code) {
		List<Observation> visible = history(code).stream().filter(Observation::published).toList();
		Map<Long, Observation> shown = effective(visible).stream().collect(Collectors.toMap(Observation::id, o -> o));
		return visible.stream().map(o -> shown.getOrDefault(o.id(), o)).toList();
	}

	/**
	 * The values the public sees: of the values it may see, the latest of each item and year, as the current one
	 * (a published value replaced by an unpublished recomputation stays what the public sees), by year.
	 */
	static List<Observation> effective(List<Observation> visible) {
		Map<String, Observation> latest = new LinkedHashMap<>();
		for (Observation o : visible) {
			latest.merge(o.itemCode() + "/" + o.year(), o, (a, b) -> a.id() > b.id() ? a : b);
		}
		return latest.values().stream()
			.map(o -> new Observation(o.id(), o.itemCode(), o.year(), o.value(), o.origin(), o.sourceDocument(), o.note(),
					o.lineage(), o.enteredBy(), o.enteredAt(), o.supersedesId(), null, o.provisional(), o.coveragePercent(),
					o.publishedAt(), o.publishedBy()))
			.sorted(Comparator.comparingInt(Observation::year))
			.toList();
	}

	/**
	 * Publishes the current computed value of an item for a year (city office): from then on the public cockpit
	 * and the public API show it. A provisional value is not published (422): it has not earned a place on the
	 * public pages; the office publishes once coverage is complete, or enters the official figure from its source
	 * document. An entered or already published value is returned unchanged. Writes its own audit record.
	 */
	@Transactional
	public Observation publish(String code, int year) {
		requireOffice();
		Item item = item(code);
		Observation current = jdbc.sql("""
				SELECT * FROM plan_observation WHERE plan_code = :p AND item_code = :c AND year = :y AND superseded_at IS NULL
				FOR UPDATE
				""").param("p", planCode()).param("c", item.code()).param("y", year).query(PilotPlan::observation).optional()
			.orElseThrow(() -> new NotFoundException("value of plan item " + code + " for " + year));
		if (current.origin() != Origin.COMPUTED || current.publishedAt() != null) {
			return current;
		}
		if (current.provisional()) {
			throw new RuleViolationException("the " + year + " value of item " + code + " is provisional ("
					+ (current.coveragePercent() == null ? "coverage unknown" : current.coveragePercent().toPlainString() + " % covered")
					+ "): a value computed from incomplete data is not published");
		}
		jdbc.sql("UPDATE plan_observation SET published_at = :t, published_by = :by WHERE id = :id")
			.param("t", now()).param("by", AccessScope.current().actor()).param("id", current.id()).update();
		Observation published = jdbc.sql("SELECT * FROM plan_observation WHERE id = :id").param("id", current.id())
			.query(PilotPlan::observation).single();
		audit.record("plan.value.published", "plan-item", item.code() + "/" + year, current, published);
		log.info("Published the {} value {} of plan item {} (#{})", year, published.value().toPlainString(), item.code(),
				published.id());
		return published;
	}

	/** The current computed values the office has not published (for signed-in pages that mark them). */
	public List<Observation> unpublished() {
		return currentObservations().stream().filter(o -> !o.published()).toList();
	}

	/** The plan folder's rule for when a computed city figure is complete (provisional until then). */
	public CoverageRule coverageRule() {
		return coverageRule;
	}

	/**
	 * Records a yearly value entered by an officer. An existing value for the same year is kept and marked as
	 * replaced by this one.
	 */
	@Transactional
	public Observation record(NewObservation input) {
		requireOffice();
		List<InputError> errors = new ArrayList<>();
		Item item = validate(input, null, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return write(item, input, Origin.ENTERED, null, null);
	}

	/**
	 * Records a value computed by another module (e.g. indicators 1–3 from accounting's city inventory) with its
	 * lineage, under the caller's scope (the office, or a {@link org.peakpilot.platform.SystemActor}).
	 * {@code computedBy} names the computation; it is shown where an entered value shows its source document. A
	 * lineage may hold a {@code link} (a path on this site) to the figures the value was computed from. A value for
	 * the same year is replaced and kept as history, as with {@link #record}; the same value with the same lineage
	 * again writes nothing and returns the current value. {@code coverage} says how complete the data was: an
	 * incomplete one makes the value provisional (no status, never published). A computed value is not public
	 * until the office {@linkplain #publish publishes} it.
	 */
	@Transactional
	public Observation recordComputed(String itemCode, int year, BigDecimal value, String computedBy,
			Map<String, Object> lineage, Coverage coverage) {
		requireOffice();
		NewObservation input = new NewObservation(itemCode, year, value, null, computedBy, null);
		List<InputError> errors = new ArrayList<>();
		Item item = validate(input, null, errors);
		if (lineage == null || lineage.isEmpty()) {
			errors.add(InputError.field("lineage", "a computed value needs its lineage"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		String lineageJson = json.writeValueAsString(lineage);
		Optional<Observation> unchanged = jdbc.sql("""
				SELECT * FROM plan_observation
				WHERE plan_code = :p AND item_code = :c AND year = :y AND superseded_at IS NULL AND origin = 'COMPUTED'
				  AND value = :v AND source_document = :s AND lineage = CAST(:l AS jsonb) AND provisional = :prov
				""").param("p", planCode()).param("c", item.code()).param("y", year).param("v", value)
			.param("s", computedBy.strip()).param("l", lineageJson).param("prov", !coverage.complete())
			.query(PilotPlan::observation).optional();
		if (unchanged.isPresent()) {
			return unchanged.get();
		}
		return write(item, input, Origin.COMPUTED, lineageJson, coverage);
	}

	/** Whether values may be recorded for a year: from ten years before the baseline to the current year. */
	public boolean tracksYear(int year) {
		return year >= firstYear() && year <= Year.now(clock).getValue();
	}

	/**
	 * Imports yearly values from an Excel workbook made from {@link #template()}: all rows or none. Every error
	 * is reported with its row and column.
	 *
	 * @return the values written
	 */
	@Transactional
	public List<Observation> importWorkbook(byte[] workbook) {
		requireOffice();
		List<ObservationWorkbook.Line> lines = ObservationWorkbook.read(workbook);
		List<InputError> errors = new ArrayList<>();
		Map<String, Integer> seen = new LinkedHashMap<>();
		List<Item> checked = new ArrayList<>();
		for (ObservationWorkbook.Line line : lines) {
			errors.addAll(line.errors());
			if (!line.errors().isEmpty()) {
				checked.add(null);
				continue;
			}
			Item item = validate(line.observation(), line.row(), errors);
			checked.add(item);
			String key = line.observation().itemCode() + "/" + line.observation().year();
			Integer first = seen.putIfAbsent(key, line.row());
			if (first != null) {
				errors.add(new InputError(line.row(), ObservationWorkbook.column(ObservationWorkbook.YEAR),
						"the same item and year already appear in row " + first));
			}
		}
		if (lines.isEmpty() && errors.isEmpty()) {
			errors.add(new InputError(null, "file", "the workbook holds no values: fill year and value in at least one row"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		List<Observation> written = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			written.add(write(checked.get(i), lines.get(i).observation(), Origin.IMPORTED, null, null));
		}
		log.info("Imported {} plan values", written.size());
		return written;
	}

	/** An Excel template listing every item with its unit, to fill in and import. */
	public byte[] template() {
		List<Item> all = new ArrayList<>(items(Kind.INDICATOR));
		all.addAll(items(Kind.COMMITMENT));
		return ObservationWorkbook.template(all, info());
	}

	/** Enters the value of a provincial target (完成省下目标) for a year. */
	@Transactional
	public Target setProvincialTarget(String code, Integer year, BigDecimal value, String sourceDocument) {
		requireOffice();
		Item item = item(code);
		List<InputError> errors = new ArrayList<>();
		if (!item.hasProvincialTargets()) {
			errors.add(InputError.field("itemCode", "item " + code + " has no provincial target"));
		}
		if (year == null || year < info().baselineYear() || year > TARGET_YEAR_MAX) {
			errors.add(InputError.field("year", "a target year from " + info().baselineYear() + " to " + TARGET_YEAR_MAX
					+ " is required"));
		}
		ValueRule.check(item, value, "value", null, errors);
		if (sourceDocument == null || sourceDocument.isBlank()) {
			errors.add(InputError.field("sourceDocument", "name the document that sets this target"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Target before = item.target(year);
		jdbc.sql("""
				INSERT INTO plan_provincial_target (plan_code, item_code, year, value, source_document, entered_by, entered_at)
				VALUES (:p, :c, :y, :v, :s, :by, :at)
				ON CONFLICT (plan_code, item_code, year) DO UPDATE SET value = EXCLUDED.value,
				    source_document = EXCLUDED.source_document, entered_by = EXCLUDED.entered_by, entered_at = EXCLUDED.entered_at
				""")
			.param("p", planCode()).param("c", code).param("y", year).param("v", value).param("s", sourceDocument.strip())
			.param("by", AccessScope.current().actor()).param("at", now()).update();
		Target after = item(code).target(year);
		audit.record("plan.provincial-target.set", "plan-item", code + "/" + year, before, after);
		return after;
	}

	public List<Zone> zones() {
		return jdbc.sql("SELECT * FROM plan_zone WHERE plan_code = :p ORDER BY code").param("p", planCode())
			.query((rs, n) -> new Zone(rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
					rs.getString("county_name_zh"), rs.getString("industry_zh"), rs.getString("industry_en"),
					rs.getBigDecimal("max_tco2_per_10k_cny"), rs.getInt("from_year")))
			.list();
	}

	public List<ProjectDomain> projectDomains() {
		return jdbc.sql("SELECT * FROM plan_project_domain WHERE plan_code = :p ORDER BY no").param("p", planCode())
			.query((rs, n) -> new ProjectDomain(rs.getInt("no"), rs.getString("name_zh"), rs.getString("name_en"))).list();
	}

	/**
	 * Loads the plan folder: idempotent (an unchanged folder changes nothing), versioned (a changed folder is a
	 * new version; items it no longer lists are retired, their values kept).
	 */
	@Transactional
	void load() {
		String checksum = folder.checksum();
		PlanFolder.Info info = folder.info();
		Optional<Map<String, Object>> existing = jdbc.sql("SELECT version, checksum FROM plan WHERE code = :c")
			.param("c", info.code()).query().listOfRows().stream().findFirst();
		if (existing.isPresent() && checksum.equals(existing.get().get("checksum"))) {
			log.info("Plan '{}' version {} is loaded and unchanged ({})", info.code(), existing.get().get("version"), folder.location());
			return;
		}
		int version = existing.map(r -> ((Number) r.get("version")).intValue() + 1).orElse(1);
		jdbc.sql("""
				INSERT INTO plan (code, name_zh, name_en, city_region_code, city_name_zh, city_name_en, baseline_year,
				                  at_risk_tolerance, version, checksum, loaded_at)
				VALUES (:code, :nz, :ne, :rc, :cz, :ce, :by, :tol, :v, :sum, :at)
				ON CONFLICT (code) DO UPDATE SET name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en,
				    city_region_code = EXCLUDED.city_region_code, city_name_zh = EXCLUDED.city_name_zh,
				    city_name_en = EXCLUDED.city_name_en, baseline_year = EXCLUDED.baseline_year,
				    at_risk_tolerance = EXCLUDED.at_risk_tolerance, version = EXCLUDED.version,
				    checksum = EXCLUDED.checksum, loaded_at = EXCLUDED.loaded_at
				""")
			.param("code", info.code()).param("nz", info.nameZh()).param("ne", info.nameEn()).param("rc", info.cityRegionCode())
			.param("cz", info.cityNameZh()).param("ce", info.cityNameEn()).param("by", info.baselineYear())
			.param("tol", info.atRiskTolerance()).param("v", version).param("sum", checksum).param("at", now()).update();
		jdbc.sql("INSERT INTO plan_version (plan_code, version, checksum, loaded_at) VALUES (:c, :v, :s, :at)")
			.param("c", info.code()).param("v", version).param("s", checksum).param("at", now()).update();

		List<PlanFolder.ItemRow> rows = new ArrayList<>(folder.indicators());
		rows.addAll(folder.commitments());
		jdbc.sql("UPDATE plan_item SET retired = TRUE WHERE plan_code = :p").param("p", info.code()).update();
		jdbc.sql("DELETE FROM plan_item_target WHERE plan_code = :p").param("p", info.code()).update();
		for (PlanFolder.ItemRow r : rows) {
			jdbc.sql("""
					INSERT INTO plan_item (plan_code, code, kind, seq, group_key, group_zh, group_en, name_zh, name_en, unit_zh,
					                       unit, direction, baseline_year, baseline_value, retired)
					VALUES (:p, :code, :kind, :seq, :gk, :gz, :ge, :nz, :ne, :uz, :u, :dir, :by, :bv, FALSE)
					ON CONFLICT (plan_code, code) DO UPDATE SET kind = EXCLUDED.kind, seq = EXCLUDED.seq,
					    group_key = EXCLUDED.group_key, group_zh = EXCLUDED.group_zh, group_en = EXCLUDED.group_en,
					    name_zh = EXCLUDED.name_zh, name_en = EXCLUDED.name_en, unit_zh = EXCLUDED.unit_zh, unit = EXCLUDED.unit,
					    direction = EXCLUDED.direction, baseline_year = EXCLUDED.baseline_year,
					    baseline_value = EXCLUDED.baseline_value, retired = FALSE
					""")
				.param("p", info.code()).param("code", r.code()).param("kind", r.kind().name()).param("seq", r.seq())
				.param("gk", r.groupKey()).param("gz", r.groupZh()).param("ge", r.groupEn()).param("nz", r.nameZh())
				.param("ne", r.nameEn()).param("uz", r.unitZh()).param("u", r.unit()).param("dir", r.direction().name())
				.param("by", r.baselineYear()).param("bv", r.baselineValue()).update();
			for (Target t : r.targets()) {
				jdbc.sql("""
						INSERT INTO plan_item_target (plan_code, item_code, year, type, value, label, label_zh)
						VALUES (:p, :c, :y, :t, :v, :l, :lz)
						""")
					.param("p", info.code()).param("c", r.code()).param("y", t.year()).param("t", t.type().name())
					.param("v", t.value()).param("l", t.label()).param("lz", t.labelZh()).update();
			}
		}
		jdbc.sql("DELETE FROM plan_zone WHERE plan_code = :p").param("p", info.code()).update();
		for (Zone z : folder.zones()) {
			jdbc.sql("""
					INSERT INTO plan_zone (plan_code, code, name_zh, name_en, county_name_zh, industry_zh, industry_en,
					                       max_tco2_per_10k_cny, from_year)
					VALUES (:p, :c, :nz, :ne, :cz, :iz, :ie, :max, :from)
					""")
				.param("p", info.code()).param("c", z.code()).param("nz", z.nameZh()).param("ne", z.nameEn())
				.param("cz", z.countyNameZh()).param("iz", z.industryZh()).param("ie", z.industryEn())
				.param("max", z.maxTco2Per10kCny()).param("from", z.fromYear()).update();
		}
		jdbc.sql("DELETE FROM plan_project_domain WHERE plan_code = :p").param("p", info.code()).update();
		for (ProjectDomain d : folder.projectDomains()) {
			jdbc.sql("INSERT INTO plan_project_domain (plan_code, no, name_zh, name_en) VALUES (:p, :no, :nz, :ne)")
				.param("p", info.code()).param("no", d.no()).param("nz", d.nameZh()).param("ne", d.nameEn()).update();
		}
		audit.record("plan.loaded", "plan", info.code(), existing.orElse(null),
				Map.of("version", version, "checksum", checksum, "location", folder.location(), "items", rows.size()));
		log.info("Loaded plan '{}' version {} from {}: {} items", info.code(), version, folder.location(), rows.size());
	}

	private String planCode() {
		return planCode;
	}

	private Item validate(NewObservation input, Integer row, List<InputError> errors) {
		String codeField = row == null ? "itemCode" : ObservationWorkbook.column(ObservationWorkbook.CODE);
		Item item = null;
		if (input.itemCode() == null || input.itemCode().isBlank()) {
			errors.add(new InputError(row, codeField, "the item code is required"));
		}
		else {
			try {
				item = item(input.itemCode().strip());
			}
			catch (NotFoundException ex) {
				errors.add(new InputError(row, codeField, "'" + input.itemCode() + "' is not an indicator or commitment of this plan"));
			}
		}
		if (input.year() == null || !tracksYear(input.year())) {
			errors.add(new InputError(row, field(row, "year", ObservationWorkbook.YEAR),
					"a year from " + firstYear() + " to " + Year.now(clock).getValue() + " is required, got " + input.year()));
		}
		if (item != null) {
			if (input.unit() != null && !input.unit().isBlank() && !ValueRule.unitMatches(item, input.unit())) {
				errors.add(new InputError(row, field(row, "unit", ObservationWorkbook.UNIT), "item " + item.code() + " is measured in '"
						+ item.unitZh() + "' (" + item.unit() + "), not '" + input.unit().strip() + "'"));
			}
			ValueRule.check(item, input.value(), field(row, "value", ObservationWorkbook.VALUE), row, errors);
		}
		else if (input.value() == null) {
			errors.add(new InputError(row, field(row, "value", ObservationWorkbook.VALUE), "a value is required"));
		}
		if (input.sourceDocument() == null || input.sourceDocument().isBlank()) {
			errors.add(new InputError(row, field(row, "sourceDocument", ObservationWorkbook.SOURCE),
					"name the source document (e.g. the statistical bulletin) of this value"));
		}
		else if (input.sourceDocument().length() > SOURCE_DOCUMENT_MAX) {
			errors.add(new InputError(row, field(row, "sourceDocument", ObservationWorkbook.SOURCE),
					"at most " + SOURCE_DOCUMENT_MAX + " characters"));
		}
		return item;
	}

	private static String field(Integer row, String apiName, int column) {
		return row == null ? apiName : ObservationWorkbook.column(column);
	}

	private int firstYear() {
		return info().baselineYear() - 10;
	}

	private Observation write(Item item, NewObservation input, Origin origin, String lineageJson, Coverage coverage) {
		String actor = AccessScope.current().actor();
		Optional<Observation> previous = jdbc.sql("""
				SELECT * FROM plan_observation WHERE plan_code = :p AND item_code = :c AND year = :y AND superseded_at IS NULL
				FOR UPDATE
				""").param("p", planCode()).param("c", item.code()).param("y", input.year()).query(PilotPlan::observation).optional();
		OffsetDateTime now = now();
		previous.ifPresent(p -> jdbc.sql("UPDATE plan_observation SET superseded_at = :t WHERE id = :id")
			.param("t", now).param("id", p.id()).update());
		long id = jdbc.sql("""
				INSERT INTO plan_observation (plan_code, item_code, year, value, origin, source_document, note, lineage,
				                              entered_by, entered_at, supersedes_id, provisional, coverage_percent)
				VALUES (:p, :c, :y, :v, :o, :s, :n, CAST(:l AS jsonb), :by, :at, :prev, :prov, :pct) RETURNING id
				""")
			.param("p", planCode()).param("c", item.code()).param("y", input.year()).param("v", input.value())
			.param("o", origin.name()).param("s", input.sourceDocument().strip())
			.param("n", input.note() == null || input.note().isBlank() ? null : input.note().strip())
			.param("l", lineageJson).param("by", actor).param("at", now).param("prev", previous.map(Observation::id).orElse(null))
			.param("prov", coverage != null && !coverage.complete()).param("pct", coverage == null ? null : coverage.percent())
			.query(Long.class).single();
		Observation saved = jdbc.sql("SELECT * FROM plan_observation WHERE id = :id").param("id", id)
			.query(PilotPlan::observation).single();
		audit.record(previous.isPresent() ? "plan.value.replaced" : "plan.value.recorded", "plan-item",
				item.code() + "/" + input.year(), previous.orElse(null), saved);
		return saved;
	}

	private List<Observation> currentObservations() {
		return jdbc.sql("SELECT * FROM plan_observation WHERE plan_code = :p AND superseded_at IS NULL ORDER BY year")
			.param("p", planCode()).query(PilotPlan::observation).list();
	}

	private Map<String, List<Target>> targets() {
		Map<String, Map<Integer, Target>> byItem = new LinkedHashMap<>();
		jdbc.sql("SELECT * FROM plan_item_target WHERE plan_code = :p ORDER BY year").param("p", planCode())
			.query((rs, n) -> Map.entry(rs.getString("item_code"), new Target(rs.getInt("year"),
					TargetType.valueOf(rs.getString("type")), rs.getBigDecimal("value"), rs.getString("label"), rs.getString("label_zh"), null)))
			.list()
			.forEach(e -> byItem.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(e.getValue().year(), e.getValue()));
		// Provincial values the office entered: fill the plan's placeholders and add the years in between.
		jdbc.sql("SELECT * FROM plan_provincial_target WHERE plan_code = :p").param("p", planCode())
			.query((rs, n) -> Map.entry(rs.getString("item_code"), new Target(rs.getInt("year"), TargetType.PROVINCIAL,
					rs.getBigDecimal("value"), null, rs.getString("source_document"))))
			.list()
			.forEach(e -> byItem.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).put(e.getValue().year(), e.getValue()));
		Map<String, List<Target>> result = new LinkedHashMap<>();
		byItem.forEach((code, map) -> result.put(code,
				map.values().stream().sorted(Comparator.comparingInt(Target::year)).toList()));
		return result;
	}

	private void requireOffice() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
	}

	private static Item item(ResultSet rs, List<Target> targets) throws SQLException {
		return new Item(rs.getString("code"), Kind.valueOf(rs.getString("kind")), rs.getInt("seq"), rs.getString("group_key"),
				rs.getString("group_zh"), rs.getString("group_en"), rs.getString("name_zh"), rs.getString("name_en"),
				rs.getString("unit_zh"), rs.getString("unit"), Direction.valueOf(rs.getString("direction")),
				rs.getObject("baseline_year", Integer.class), strip(rs.getBigDecimal("baseline_value")), targets.stream()
					.map(t -> new Target(t.year(), t.type(), strip(t.value()), t.label(), t.labelZh(), t.source())).toList());
	}

	private static Observation observation(ResultSet rs, int n) throws SQLException {
		OffsetDateTime superseded = rs.getObject("superseded_at", OffsetDateTime.class);
		OffsetDateTime published = rs.getObject("published_at", OffsetDateTime.class);
		return new Observation(rs.getLong("id"), rs.getString("item_code"), rs.getInt("year"), strip(rs.getBigDecimal("value")),
				Origin.valueOf(rs.getString("origin")), rs.getString("source_document"), rs.getString("note"),
				rs.getString("lineage"), rs.getString("entered_by"), rs.getObject("entered_at", OffsetDateTime.class).toInstant(),
				rs.getObject("supersedes_id", Long.class), superseded == null ? null : superseded.toInstant(),
				rs.getBoolean("provisional"), strip(rs.getBigDecimal("coverage_percent")),
				published == null ? null : published.toInstant(), rs.getString("published_by"));
	}

	private static BigDecimal strip(BigDecimal v) {
		return v == null ? null : v.stripTrailingZeros();
	}

}
