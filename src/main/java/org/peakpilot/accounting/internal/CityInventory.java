package org.peakpilot.accounting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.internal.Inventory.County;
import org.peakpilot.accounting.internal.Inventory.Figures;
import org.peakpilot.accounting.internal.Inventory.Indicator;
import org.peakpilot.accounting.internal.Inventory.IndicatorKind;
import org.peakpilot.accounting.internal.Inventory.Input;
import org.peakpilot.accounting.internal.Inventory.InputCode;
import org.peakpilot.accounting.internal.Inventory.Sector;
import org.peakpilot.accounting.internal.Inventory.SectorFigures;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The city inventory: the office's statistical inputs per year (append-only), the inventory of a year (verified
 * enterprise results bottom-up plus those inputs) and indicators 1–3, written into the plan with their lineage
 * whenever an input of the year changes or the office asks for a recomputation. Readable by the city office and
 * county officers; entering inputs and recomputing are for the office (city administrator and officers). Which
 * plan items receive the indicators is set in the plan folder's {@code accounting.properties}.
 */
@Component
public class CityInventory {

	private static final Logger log = LoggerFactory.getLogger(CityInventory.class);

	/** Report statuses whose results count. */
	static final List<String> COUNTED_STATUSES = List.of("VERIFIED", "LOCKED");

	/** Inputs stay below 10^12 (GDP in 10k CNY, tce, tCO2): beyond it a figure is a typing error. */
	public static final String VALUE_LIMIT = "1000000000000";
	private static final BigDecimal LIMIT = new BigDecimal(VALUE_LIMIT);
	/** The longest source document name and note of an input. */
	public static final int INPUT_TEXT_MAX = 500;
	/**
	 * Deliberately not the shared rounding policy ({@code shared.Rounding}, 6 decimals): the indicators are written
	 * to the plan as observations at the precision the plan publishes its indicators (e.g. 0.8563 tce per 10k CNY).
	 */
	private static final int DECIMALS = 4;

	private final JdbcClient jdbc;
	private final AuditLog audit;
	private final Clock clock;
	private final PilotPlan plan;
	private final Registry registry;
	private final Map<IndicatorKind, String> planItems;
	private final int minEnterprises;

	CityInventory(JdbcClient jdbc, AuditLog audit, Clock clock, PilotPlan plan, Registry registry,
			AccountingSettings settings, @Value("${peakpilot.disclosure.min-enterprises:3}") int minEnterprises) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.plan = plan;
		this.registry = registry;
		this.planItems = planItems(settings);
		if (minEnterprises < 1) {
			throw new IllegalStateException("peakpilot.disclosure.min-enterprises must be at least 1, got " + minEnterprises);
		}
		this.minEnterprises = minEnterprises;
	}

	/** An input as the office enters it; {@code unit}, if given, must be the code's (Chinese or English). */
	@Schema(description = "A statistical figure the city office enters for a year · 市级录入的年度统计数据")
	public record NewInput(
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "" + Inventory.FIRST_YEAR, example = "2024",
					description = "The year, from " + Inventory.FIRST_YEAR + " to the current year · 年份（" + Inventory.FIRST_YEAR + " 年至今年）") Integer year,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, implementation = InputCode.class, example = "GDP",
					description = "What the figure is (case-insensitive) · 数据项代码") String code,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, minimum = "0", maximum = VALUE_LIMIT, example = "22050000",
					description = "The figure in the code's unit: GDP and INDUSTRIAL_VALUE_ADDED in 万元 (10k CNY), above 0; *_TCE in tce; "
							+ "*_CO2_T in tCO2; below 10^12, at most 6 decimals · 数值（按代码单位：万元、吨标准煤或吨二氧化碳）") BigDecimal value,
			@Schema(example = "万元", description = "Optional check: the code's unit, in Chinese (万元, 吨标准煤, 吨二氧化碳) or English "
					+ "(10k CNY, tce, tCO2) · 单位（可选，给出时校验）") String unit,
			@Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = INPUT_TEXT_MAX, example = "2024年乐山市国民经济和社会发展统计公报",
					description = "The document the figure comes from (yearbook, bulletin) · 数据来源文件") String sourceDocument,
			@Schema(maxLength = INPUT_TEXT_MAX, description = "A note of the office's · 备注") String note) {
	}

	/** Years that have inputs or counted enterprise reports, newest first. */
	public List<Integer> years() {
		requireRead();
		return jdbc.sql("""
				SELECT year FROM accounting_city_input
				UNION SELECT year FROM accounting_report WHERE status IN (:counted) AND year BETWEEN :first AND :last
				ORDER BY 1 DESC
				""").param("counted", COUNTED_STATUSES).param("first", Inventory.FIRST_YEAR)
			.param("last", Year.now(clock).getValue()).query(Integer.class).list();
	}

	/** The inputs of a year, in the order of their codes: the current ones, or every version (current first). */
	public List<Input> inputs(int year, boolean allVersions) {
		requireRead();
		checkYear(year);
		return jdbc.sql("""
				SELECT * FROM accounting_city_input WHERE year = :y AND (:all OR superseded_at IS NULL)
				ORDER BY superseded_at IS NOT NULL, id DESC
				""").param("y", year).param("all", allVersions).query(CityInventory::input).list().stream()
			.sorted(Comparator.comparing(Input::code)).toList();
	}

	/**
	 * The inventory of a year with its indicators (computed when GDP is entered), its coverage and the plan's
	 * current values. A reader who is not city-wide (a county officer) gets figures of other counties built from
	 * fewer than {@code peakpilot.disclosure.min-enterprises} enterprises withheld ({@link Disclosure}).
	 */
	public Inventory inventory(int year) {
		requireRead();
		checkYear(year);
		Inventory inventory = compute(year);
		AccessScope scope = AccessScope.current();
		return scope.isCityWide() ? inventory : Disclosure.apply(inventory, minEnterprises, scope.countyCode());
	}

	/**
	 * Enters a figure for a year; a figure of the same code and year is kept and marked as replaced by this one.
	 * Indicators 1–3 of the year are recomputed and written into the plan in the same transaction.
	 */
	@Transactional
	public Input enter(NewInput form) {
		requireOffice();
		InputCode code = validate(form);
		int year = form.year();
		lock(year);
		Optional<Input> previous = jdbc.sql("""
				SELECT * FROM accounting_city_input WHERE year = :y AND code = :c AND superseded_at IS NULL FOR UPDATE
				""").param("y", year).param("c", code.name()).query(CityInventory::input).optional();
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), clock.getZone());
		previous.ifPresent(p -> jdbc.sql("UPDATE accounting_city_input SET superseded_at = :t WHERE id = :id")
			.param("t", now).param("id", p.id()).update());
		long id = jdbc.sql("""
				INSERT INTO accounting_city_input (year, code, value, unit, source_document, note, entered_by, entered_at,
				                                   supersedes_id)
				VALUES (:y, :c, :v, :u, :s, :n, :by, :at, :prev) RETURNING id
				""")
			.param("y", year).param("c", code.name()).param("v", form.value()).param("u", code.unit())
			.param("s", form.sourceDocument().strip())
			.param("n", form.note() == null || form.note().isBlank() ? null : form.note().strip())
			.param("by", AccessScope.current().actor()).param("at", now)
			.param("prev", previous.map(Input::id).orElse(null)).query(Long.class).single();
		Input saved = jdbc.sql("SELECT * FROM accounting_city_input WHERE id = :id").param("id", id)
			.query(CityInventory::input).single();
		audit.record(previous.isPresent() ? "inventory.input.replaced" : "inventory.input.entered", "city-input",
				year + "/" + code.name(), previous.orElse(null), saved);
		log.info("City inventory {}: {} {} {} entered as input {}", year, code, saved.value().toPlainString(), code.unit(), id);
		writeIndicators(compute(year));
		return saved;
	}

	/**
	 * Recomputes indicators 1–3 of a year from its inventory and writes them into the plan (nothing is written
	 * while GDP is missing; an unchanged value with unchanged lineage is not written again).
	 */
	@Transactional
	public Inventory recompute(int year) {
		refresh(year);
		return compute(year);
	}

	/**
	 * Verified figures of a year changed (a report verified, revised out of the count, or restated): the indicators
	 * follow ({@link #refresh}). Runs as a system actor, since the verifier or administrator who changed the figures
	 * may not write the plan.
	 */
	@Transactional
	public void followVerifiedFigures(int year) {
		SystemActor.run("city-inventory", () -> refresh(year));
	}

	/** As {@link #recompute}, for callers that do not need the inventory back (verification, restatement). */
	@Transactional
	public void refresh(int year) {
		requireOffice();
		checkYear(year);
		lock(year);
		writeIndicators(compute(year));
	}

	/**
	 * The totals of the latest year with GDP entered, computed without a reader's scope (another module's rule reads
	 * city totals, never an enterprise's figure); empty when no year has GDP.
	 */
	@Transactional(readOnly = true)
	public Optional<org.peakpilot.accounting.InventoryTotals> latestTotals() {
		Optional<Integer> year = jdbc.sql("""
				SELECT max(year) FROM accounting_city_input WHERE code = 'GDP' AND superseded_at IS NULL AND value > 0""")
			.query(Integer.class).optional();
		if (year.isEmpty() || year.get() == null) {
			return Optional.empty();
		}
		Inventory i = compute(year.get());
		return Optional.of(new org.peakpilot.accounting.InventoryTotals(i.year(), org.peakpilot.shared.Tce.of(i.cityTce()),
				org.peakpilot.shared.Tce.of(i.cityControlTce()), org.peakpilot.shared.Tco2.of(i.cityCo2T()), i.gdp().value(),
				i.coverage().complete()));
	}

	/** The inventory of a year as an Excel workbook. */
	public byte[] workbook(int year) {
		return InventoryWorkbook.write(inventory(year));
	}

	private Inventory compute(int year) {
		Map<String, RegistryModel.Industry> industryNames = registry.industries().stream()
			.collect(Collectors.toMap(RegistryModel.Industry::code, Function.identity()));
		Map<String, String> countyNames = registry.counties().stream()
			.collect(Collectors.toMap(RegistryModel.Region::code, RegistryModel.Region::nameZh));
		Figures enterprises = new Figures(0, 0, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
		Map<String, List<County>> countiesByIndustry = new LinkedHashMap<>();
		Map<String, Figures> industryTotals = new LinkedHashMap<>();
		for (Map<String, Object> row : enterpriseRows(year)) {
			Figures f = new Figures(((Number) row.get("reports")).intValue(), ((Number) row.get("enterprises")).intValue(),
					Calculator.strip((BigDecimal) row.get("co2_t")), Calculator.strip((BigDecimal) row.get("tce")),
					Calculator.strip((BigDecimal) row.get("control_tce")));
			String industry = (String) row.get("industry_code");
			switch (((Number) row.get("level")).intValue()) {
				case 0 -> {
					String county = ((String) row.get("county_code")).strip();
					countiesByIndustry.computeIfAbsent(industry, k -> new ArrayList<>())
						.add(new County(county, countyNames.getOrDefault(county, county), f));
				}
				case 1 -> industryTotals.put(industry, f);
				default -> enterprises = f;
			}
		}
		List<Inventory.Industry> industries = new ArrayList<>();
		industryTotals.forEach((code, f) -> {
			RegistryModel.Industry named = industryNames.get(code);
			industries.add(new Inventory.Industry(code, named == null ? code : named.nameZh(),
					named == null ? code : named.nameEn(), f, countiesByIndustry.getOrDefault(code, List.of())));
		});
		int pending = jdbc.sql("SELECT count(*) FROM accounting_report WHERE year = :y AND status NOT IN (:counted)")
			.param("y", year).param("counted", COUNTED_STATUSES).query(Integer.class).single();

		Map<InputCode, Input> inputs = new EnumMap<>(InputCode.class);
		jdbc.sql("SELECT * FROM accounting_city_input WHERE year = :y AND superseded_at IS NULL").param("y", year)
			.query(CityInventory::input).list().forEach(i -> inputs.put(i.code(), i));
		List<SectorFigures> sectors = new ArrayList<>();
		BigDecimal sectorTce = BigDecimal.ZERO;
		BigDecimal sectorCo2 = BigDecimal.ZERO;
		for (Sector s : Sector.values()) {
			Input energy = inputs.get(s.energyInput());
			Input co2 = inputs.get(s.co2Input());
			sectors.add(new SectorFigures(s, energy == null ? null : energy.value(), co2 == null ? null : co2.value(), energy, co2));
			sectorTce = energy == null ? sectorTce : sectorTce.add(energy.value());
			sectorCo2 = co2 == null ? sectorCo2 : sectorCo2.add(co2.value());
		}
		Input gdp = inputs.get(InputCode.GDP);
		Input valueAdded = inputs.get(InputCode.INDUSTRIAL_VALUE_ADDED);
		Inventory.Coverage coverage = coverage(year, inputs);
		List<Indicator> indicators = List.of(
				indicator(year, IndicatorKind.ENERGY_PER_GDP, enterprises.tce(), Calculator.strip(sectorTce), gdp, gdp),
				indicator(year, IndicatorKind.CO2_PER_GDP, enterprises.co2T(), Calculator.strip(sectorCo2), gdp, gdp),
				indicator(year, IndicatorKind.CO2_PER_INDUSTRIAL_VALUE_ADDED, enterprises.co2T(), null, valueAdded, gdp));
		return new Inventory(year, enterprises, industries, pending, sectors, Calculator.strip(enterprises.tce().add(sectorTce)),
				Calculator.strip(enterprises.controlTce().add(sectorTce)), Calculator.strip(enterprises.co2T().add(sectorCo2)),
				List.copyOf(inputs.values()), indicators, plan.tracksYear(year), coverage, 0);
	}

	/**
	 * How complete the year's data is, by the plan folder's coverage rule: every sector's energy and CO2 entered
	 * (when the rule requires it), and verified (or locked) reports for the required share of the key energy-using
	 * units' months (units × 12). Without any key unit in the registry the share is unknown, so never complete.
	 */
	private Inventory.Coverage coverage(int year, Map<InputCode, Input> inputs) {
		PlanModel.CoverageRule rule = plan.coverageRule();
		List<Sector> sectorsMissing = Arrays.stream(Sector.values())
			.filter(s -> !inputs.containsKey(s.energyInput()) || !inputs.containsKey(s.co2Input())).toList();
		List<InputCode> inputsMissing = Arrays.stream(InputCode.values()).filter(c -> !inputs.containsKey(c)).toList();
		List<Long> keyUnits = List.copyOf(registry.keyEnergyUnitIds());
		int expected = keyUnits.size() * 12;
		// the ids as one array parameter: a province has tens of thousands of key units
		String ids = keyUnits.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
		Map<String, Object> reported = jdbc.sql("""
				SELECT count(*) AS months, count(DISTINCT enterprise_id) AS units FROM accounting_report
				WHERE year = :y AND status IN (:counted) AND enterprise_id = ANY(CAST(:ids AS bigint[]))
				""").param("y", year).param("counted", COUNTED_STATUSES).param("ids", ids).query().singleRow();
		int months = ((Number) reported.get("months")).intValue();
		int units = ((Number) reported.get("units")).intValue();
		BigDecimal percent = expected == 0 ? null
				: BigDecimal.valueOf(months * 100L).divide(BigDecimal.valueOf(expected), 1, RoundingMode.DOWN).stripTrailingZeros();
		boolean monthsCovered = expected > 0
				&& BigDecimal.valueOf(months * 100L).compareTo(rule.minKeyUnitMonthsPercent().multiply(BigDecimal.valueOf(expected))) >= 0;
		boolean complete = monthsCovered && (!rule.allSectorsRequired() || sectorsMissing.isEmpty());
		return new Inventory.Coverage(sectorsMissing, inputsMissing, keyUnits.size(), units, expected, months,
				percent == null ? null : percent.scale() < 0 ? percent.setScale(0) : percent, complete,
				rule.allSectorsRequired(), rule.minKeyUnitMonthsPercent());
	}

	/**
	 * Current results of the year's counted reports, summed by industry and county, by industry, and in total
	 * ({@code level} 0, 1 and 3). Control-scope tce leaves out energy used as feedstock and renewable energy.
	 */
	private List<Map<String, Object>> enterpriseRows(int year) {
		return jdbc.sql("""
				WITH per_report AS (
				    SELECT r.id, r.enterprise_id, r.industry_code, r.county_code, COALESCE(sum(x.co2_t), 0) AS co2_t,
				           COALESCE(sum(x.tce), 0) AS tce,
				           COALESCE(sum(x.tce) FILTER (WHERE x.energy_use NOT IN ('FEEDSTOCK', 'RENEWABLE')), 0) AS control_tce
				    FROM accounting_report r
				    LEFT JOIN accounting_current_result x ON x.report_id = r.id
				    WHERE r.year = :y AND r.status IN (:counted)
				    GROUP BY r.id)
				SELECT industry_code, county_code, GROUPING(industry_code, county_code) AS level, count(*) AS reports,
				       count(DISTINCT enterprise_id) AS enterprises, COALESCE(sum(co2_t), 0) AS co2_t, COALESCE(sum(tce), 0) AS tce,
				       COALESCE(sum(control_tce), 0) AS control_tce
				FROM per_report
				GROUP BY GROUPING SETS ((industry_code, county_code), (industry_code), ())
				ORDER BY industry_code NULLS LAST, county_code NULLS FIRST
				""").param("y", year).param("counted", COUNTED_STATUSES).query().listOfRows();
	}

	/**
	 * An indicator: (enterprise part + sector part) ÷ the divisor input, rounded to 4 decimals; nothing while GDP
	 * or the divisor is missing.
	 */
	private Indicator indicator(int year, IndicatorKind kind, BigDecimal enterprisePart, BigDecimal sectorPart, Input divisor,
			Input gdp) {
		String itemCode = planItems.get(kind);
		Observation cockpit = itemCode == null ? null : plan.history(itemCode).stream()
			.filter(o -> o.year() == year && o.current()).findFirst().orElse(null);
		InputCode missing = gdp == null ? InputCode.GDP : divisor == null ? InputCode.INDUSTRIAL_VALUE_ADDED : null;
		if (missing != null) {
			return new Indicator(kind, itemCode, null, enterprisePart, sectorPart, null, missing, null, cockpit);
		}
		BigDecimal numerator = sectorPart == null ? enterprisePart : enterprisePart.add(sectorPart);
		BigDecimal value = Calculator.strip(numerator.divide(divisor.value(), DECIMALS, RoundingMode.HALF_UP));
		String numeratorUnit = kind == IndicatorKind.ENERGY_PER_GDP ? " tce" : " tCO2";
		String formula = (sectorPart == null ? enterprisePart.toPlainString() + numeratorUnit
				: "(" + enterprisePart.toPlainString() + numeratorUnit + " + " + sectorPart.toPlainString() + numeratorUnit + ")")
				+ " ÷ " + divisor.value().toPlainString() + " 10k CNY = " + value.toPlainString() + " " + kind.unit();
		return new Indicator(kind, itemCode, value, enterprisePart, sectorPart, divisor.value(), null, formula, cockpit);
	}

	private void writeIndicators(Inventory inventory) {
		int year = inventory.year();
		if (!inventory.hasGdp()) {
			log.info("City inventory {}: GDP not entered, indicators not computed", year);
			return;
		}
		if (!inventory.trackedByPlan()) {
			log.info("City inventory {}: the plan takes no values for this year, indicators not written", year);
			return;
		}
		List<String> written = new ArrayList<>();
		for (Indicator i : inventory.indicators()) {
			if (i.computed() && i.itemCode() != null) {
				Inventory.Coverage c = inventory.coverage();
				Observation o = plan.recordComputed(i.itemCode(), year, i.value(), "城市清单计算 city inventory " + year,
						lineage(inventory, i), new PlanModel.Coverage(c.complete(), c.percent()));
				written.add(i.itemCode() + "=" + o.value().toPlainString() + (o.provisional() ? " provisional" : "") + " (#"
						+ o.id() + ")");
			}
		}
		log.info("City inventory {}: indicators in the plan {}", year, written);
	}

	/** What an indicator was computed from: the enterprise results counted and the inputs with their sources. */
	private static Map<String, Object> lineage(Inventory inventory, Indicator indicator) {
		List<InputCode> used = new ArrayList<>();
		switch (indicator.kind()) {
			case ENERGY_PER_GDP -> {
				used.add(InputCode.GDP);
				Arrays.stream(Sector.values()).map(Sector::energyInput).forEach(used::add);
			}
			case CO2_PER_GDP -> {
				used.add(InputCode.GDP);
				Arrays.stream(Sector.values()).map(Sector::co2Input).forEach(used::add);
			}
			case CO2_PER_INDUSTRIAL_VALUE_ADDED -> used.add(InputCode.INDUSTRIAL_VALUE_ADDED);
		}
		List<Map<String, Object>> inputs = new ArrayList<>();
		List<String> notEntered = new ArrayList<>();
		for (InputCode code : used) {
			Input i = inventory.input(code);
			if (i == null) {
				notEntered.add(code.name());
				continue;
			}
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("code", code.name());
			m.put("inputId", i.id());
			m.put("value", i.value());
			m.put("unit", i.unit());
			m.put("sourceDocument", i.sourceDocument());
			m.put("enteredBy", i.enteredBy());
			inputs.add(m);
		}
		Figures e = inventory.enterprises();
		Map<String, Object> enterprises = new LinkedHashMap<>();
		enterprises.put("reports", e.reports());
		enterprises.put("enterprises", e.enterprises());
		enterprises.put("reportStatuses", COUNTED_STATUSES);
		enterprises.put("co2T", e.co2T());
		enterprises.put("tce", e.tce());
		enterprises.put("controlTce", e.controlTce());
		Map<String, Object> lineage = new LinkedHashMap<>();
		lineage.put("module", "accounting");
		lineage.put("computation", "city-inventory");
		lineage.put("indicator", indicator.kind().name());
		lineage.put("year", inventory.year());
		lineage.put("link", "/accounting/inventory/" + inventory.year());
		lineage.put("formula", indicator.formula());
		lineage.put("enterpriseResults", enterprises);
		lineage.put("inputs", inputs);
		lineage.put("inputsNotEntered", notEntered);
		Inventory.Coverage c = inventory.coverage();
		Map<String, Object> coverage = new LinkedHashMap<>();
		coverage.put("complete", c.complete());
		coverage.put("percent", c.percent());
		coverage.put("sectorsMissing", c.sectorsMissing().stream().map(Enum::name).toList());
		coverage.put("keyUnits", c.keyUnits());
		coverage.put("keyUnitsReporting", c.keyUnitsReporting());
		coverage.put("keyUnitMonthsExpected", c.keyUnitMonthsExpected());
		coverage.put("keyUnitMonthsVerified", c.keyUnitMonthsVerified());
		lineage.put("coverage", coverage);
		return lineage;
	}

	private InputCode validate(NewInput form) {
		List<InputError> errors = new ArrayList<>();
		int thisYear = Year.now(clock).getValue();
		if (form.year() == null || form.year() < Inventory.FIRST_YEAR || form.year() > thisYear) {
			errors.add(InputError.field("year", "a year from " + Inventory.FIRST_YEAR + " to " + thisYear + " is required, got "
					+ form.year()));
		}
		InputCode code = null;
		if (form.code() == null || form.code().isBlank()) {
			errors.add(InputError.field("code", "the input code is required, one of " + Arrays.toString(InputCode.values())));
		}
		else {
			try {
				code = InputCode.valueOf(form.code().strip().toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(InputError.field("code", "'" + form.code().strip() + "' is not an input code; one of "
						+ Arrays.toString(InputCode.values())));
			}
		}
		BigDecimal value = form.value();
		if (value == null) {
			errors.add(InputError.field("value", "a value is required"));
		}
		else if (value.signum() < 0) {
			errors.add(InputError.field("value", "cannot be negative, got " + InputBounds.shown(value)));
		}
		else if (code != null && code.divisor() && value.signum() == 0) {
			errors.add(InputError.field("value", code.name() + " divides the indicators: it must be above zero"));
		}
		else if (value.compareTo(LIMIT) >= 0) {
			errors.add(InputError.field("value", InputBounds.shown(value) + " is implausibly large"));
		}
		else if (value.stripTrailingZeros().scale() > 6) {
			errors.add(InputError.field("value", "at most 6 decimals, got " + InputBounds.shown(value)));
		}
		if (code != null && form.unit() != null && !form.unit().isBlank() && !form.unit().strip().equalsIgnoreCase(code.unit())
				&& !form.unit().strip().equals(code.unitZh())) {
			errors.add(InputError.field("unit", code.name() + " is entered in '" + code.unitZh() + "' (" + code.unit() + "), not '"
					+ form.unit().strip() + "'"));
		}
		if (form.sourceDocument() == null || form.sourceDocument().isBlank()) {
			errors.add(InputError.field("sourceDocument",
					"name the source document of this figure (e.g. the statistical yearbook or bulletin)"));
		}
		else if (form.sourceDocument().length() > INPUT_TEXT_MAX) {
			errors.add(InputError.field("sourceDocument", "at most " + INPUT_TEXT_MAX + " characters"));
		}
		if (form.note() != null && form.note().length() > INPUT_TEXT_MAX) {
			errors.add(InputError.field("note", "at most " + INPUT_TEXT_MAX + " characters"));
		}
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		return code;
	}

	private void checkYear(int year) {
		int thisYear = Year.now(clock).getValue();
		if (year < Inventory.FIRST_YEAR || year > thisYear) {
			throw new InvalidInputException("year", "a year from " + Inventory.FIRST_YEAR + " to " + thisYear + " is required, got "
					+ year);
		}
	}

	/** Serialises input entries and recomputations of one year (the plan keeps one current value per year). */
	private void lock(int year) {
		jdbc.sql("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtext('accounting-city-inventory'), :y)) l")
			.param("y", year).query(Integer.class).single();
	}

	private static void requireRead() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER, Role.COUNTY_OFFICER);
	}

	private static void requireOffice() {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	/** Whether the caller may enter inputs and recompute (for pages that show or hide the forms). */
	public static boolean isOffice() {
		return AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	/**
	 * The plan items that receive the indicators, from the plan folder's {@code accounting.properties}
	 * ({@code inventory.indicator.energy-per-gdp=1}, …); an indicator without an item is computed but not written.
	 */
	private static Map<IndicatorKind, String> planItems(AccountingSettings settings) {
		Map<IndicatorKind, String> items = new EnumMap<>(IndicatorKind.class);
		for (IndicatorKind kind : IndicatorKind.values()) {
			settings.get("inventory.indicator." + kind.name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.ifPresent(code -> items.put(kind, code));
		}
		return items;
	}

	private static Input input(ResultSet rs, int n) throws SQLException {
		OffsetDateTime superseded = rs.getObject("superseded_at", OffsetDateTime.class);
		return new Input(rs.getLong("id"), rs.getInt("year"), InputCode.valueOf(rs.getString("code")),
				Calculator.strip(rs.getBigDecimal("value")), rs.getString("unit"), rs.getString("source_document"), rs.getString("note"),
				rs.getString("entered_by"), rs.getObject("entered_at", OffsetDateTime.class).toInstant(),
				rs.getObject("supersedes_id", Long.class), superseded == null ? null : superseded.toInstant());
	}

}
