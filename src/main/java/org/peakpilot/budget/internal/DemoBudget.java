package org.peakpilot.budget.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.peakpilot.budget.BudgetAllocation;
import org.peakpilot.budget.BudgetAllocation.Method;
import org.peakpilot.budget.internal.BudgetVersions.BudgetYear;
import org.peakpilot.budget.internal.BudgetVersions.Kind;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.CsvTable;
import org.peakpilot.shared.Tco2;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo installation's published budget of the current year (the clock's, Beijing): with the demo switch, after
 * the demo module has loaded its data set (and marked the installation), the made-up county figures of
 * {@link DemoCounties} go through the module's own path as {@code system:demo}: a draft from the city's intensity
 * path (15th five-year period 2026–2030, an intensity cut of 17 %), allocation by intensity decline, county, city and
 * leading-group review, publication. Once per year: a year that has any version is left alone, so a restart changes
 * nothing; a database that is not a demo installation is never touched.
 * <p>
 * Before publication, each county with demo enterprises ({@code demo/budget-enterprises.csv}, made up) divides part
 * of its budget among its parks by their enterprises' made-up emissions of last year (GRANDFATHERING; the county keeps
 * the rest as its common part), and each park among its enterprises (HISTORICAL_EMISSIONS), so an enterprise's budget
 * is its made-up emissions of last year. A national-ETS enterprise (marked with its source in the table) is listed
 * with 0 t; its park keeps its emissions of last year as the park's common part. After every start the year's
 * execution is recomputed (as {@code system:demo}), so the demo enterprises' made-up reports of the demo module,
 * including months closed since the last start, show at once; a recompute replaces the year and raises a warning only
 * where a level changes, so a restart adds nothing.
 */
@Component
@Order(40)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoBudget implements ApplicationRunner {


	private static final Logger log = LoggerFactory.getLogger(DemoBudget.class);

	private final BudgetVersions versions;
	private final PilotPlan plan;
	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final SubAllocations subAllocations;
	private final Execution execution;
	private final Registry registry;

	DemoBudget(BudgetVersions versions, PilotPlan plan, InstanceSettings instance, JdbcClient jdbc, PlatformTransactionManager transactions,
			Clock clock, SubAllocations subAllocations, Execution execution, Registry registry) {
		this.subAllocations = subAllocations;
		this.execution = execution;
		this.registry = registry;
		this.versions = versions;
		this.plan = plan;
		this.instance = instance;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		int year = Year.now(clock).getValue();
		BudgetYear published = SystemActor.call("demo", () -> transaction.execute(status -> load(year)));
		if (published != null) {
			log.info("Published the demo carbon budget {} (made up): version {}, {} t to {} holders", year, published.version(),
					published.total().toPlainString(), published.holders().size());
		}
		Execution.Recomputed done = SystemActor.call("demo", () -> recompute(year));
		if (done != null) {
			log.info("Recomputed the demo budget's execution {}: {} holders, {} months closed, {} levels changed", year, done.holders(),
					done.monthsClosed(), done.levelsChanged());
		}
	}

	/** The year's execution recomputed on a demo installation whose year has a published version, else {@code null}. */
	Execution.Recomputed recompute(int year) {
		if (!instance.holdsDemoData()) {
			return null;
		}
		long published = jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :year AND status = 'PUBLISHED'").param("year", year)
			.query(Long.class).single();
		return published == 0 ? null : execution.recompute(year);
	}

	/** The year's published demo budget, or {@code null} when there is nothing to do. */
	BudgetYear load(int year) {
		if (!instance.holdsDemoData()) {
			return null;
		}
		long existing = jdbc.sql("SELECT count(*) FROM budget_version WHERE year = :year").param("year", year).query(Long.class).single();
		List<DemoCounties.County> counties = DemoCounties.read(plan);
		if (existing > 0 || counties.isEmpty()) {
			return null;
		}
		BudgetYear draft = versions.createDraft(year, DemoCounties.draftInputs(year, counties));
		BudgetYear allocated = versions.allocate(year, draft.version(), Method.INTENSITY_DECLINE, counties.stream().map(DemoCounties.County::holder).toList());
		subAllocate(allocated);
		versions.advance(year, draft.version(), "示例数据（虚构）：提交各区县审核 · Demo data, made up: to the counties for review");
		versions.advance(year, draft.version(), "示例数据（虚构）：区县无异议 · Demo data, made up: the counties agree");
		versions.advance(year, draft.version(), "示例数据（虚构）：报领导小组审批 · Demo data, made up: to the leading group");
		return versions.publish(year, draft.version(), "示例数据（虚构）：领导小组同意 · Demo data, made up: approved by the leading group");
	}

	static final String ENTERPRISES_FILE = "demo/budget-enterprises.csv";
	private static final String DEMO_ENTERPRISES = "demo/enterprises.csv";

	/** A demo enterprise's made-up figures for its budget: last year's emissions, national-ETS source if any. */
	record DemoEnterprise(String uscc, String county, String park, BigDecimal baseCo2, String etsSource) {
	}

	/**
	 * Divides the counties' budgets among their parks and the parks' among their enterprises, from the made-up
	 * emissions of last year (whole tonnes: every park and enterprise gets exactly its figure; the county keeps the
	 * rest, a park the national-ETS enterprises' part).
	 */
	private void subAllocate(BudgetYear allocated) {
		List<DemoEnterprise> enterprises = demoEnterprises();
		Map<String, BigDecimal> countyBudgets = allocated.holders().stream().filter(h -> h.kind() == Kind.COUNTY)
			.collect(Collectors.toMap(BudgetVersions.Holder::code, BudgetVersions.Holder::budget));
		Map<String, Map<String, List<DemoEnterprise>>> byCountyAndPark = new java.util.TreeMap<>();
		for (DemoEnterprise e : enterprises) {
			if (e.park() != null && countyBudgets.containsKey(e.county())) {
				byCountyAndPark.computeIfAbsent(e.county(), c -> new java.util.TreeMap<>()).computeIfAbsent(e.park(), p -> new ArrayList<>()).add(e);
			}
		}
		String source = DemoCounties.SOURCE;
		for (var county : byCountyAndPark.entrySet()) {
			List<SubAllocations.SubHolder> parks = new ArrayList<>();
			BigDecimal sum = BigDecimal.ZERO;
			for (var park : county.getValue().entrySet()) {
				BigDecimal base = park.getValue().stream().map(DemoEnterprise::baseCo2).reduce(BigDecimal.ZERO, BigDecimal::add);
				sum = sum.add(base);
				parks.add(new SubAllocations.SubHolder(park.getKey(), Kind.PARK, county.getKey(), figures(park.getKey(), base), false, null, null));
			}
			BigDecimal common = countyBudgets.get(county.getKey()).subtract(sum).max(BigDecimal.ZERO);
			subAllocations.allocate(allocated.year(), allocated.version(), new SubAllocations.Request(SubAllocations.Level.COUNTY, county.getKey(),
					Method.GRANDFATHERING, null, common, null, parks));
			for (var park : county.getValue().entrySet()) {
				List<SubAllocations.SubHolder> holders = park.getValue().stream().map(e -> new SubAllocations.SubHolder(e.uscc(), Kind.ENTERPRISE,
						park.getKey(), figures(e.uscc(), e.baseCo2()), e.etsSource() != null, e.etsSource(), null)).toList();
				BigDecimal ets = park.getValue().stream().filter(e -> e.etsSource() != null).map(DemoEnterprise::baseCo2).reduce(BigDecimal.ZERO, BigDecimal::add);
				subAllocations.allocate(allocated.year(), allocated.version(), new SubAllocations.Request(SubAllocations.Level.PARK, park.getKey(),
						Method.HISTORICAL_EMISSIONS, null, ets, null, holders));
			}
		}
		log.info("Divided the demo budget among {} parks of {} counties and {} enterprises ({})", byCountyAndPark.values().stream().mapToInt(Map::size).sum(),
				byCountyAndPark.size(), enterprises.size(), source);
	}

	private static BudgetAllocation.Holder figures(String code, BigDecimal baseCo2) {
		return new BudgetAllocation.Holder(code, null, null, Tco2.of(baseCo2), null, null, null, null);
	}

	/** The demo enterprises of {@code demo/budget-enterprises.csv} joined to their registration (by the demo name). */
	private List<DemoEnterprise> demoEnterprises() {
		List<CsvTable.Row> figures = table(ENTERPRISES_FILE);
		if (figures.isEmpty()) {
			return List.of();
		}
		Map<String, CsvTable.Row> demo = new LinkedHashMap<>();
		table(DEMO_ENTERPRISES).forEach(r -> demo.put(r.require("key"), r));
		Map<String, RegistryModel.Enterprise> byName = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.collect(Collectors.toMap(RegistryModel.Enterprise::name, e -> e, (a, b) -> a));
		List<DemoEnterprise> out = new ArrayList<>();
		for (CsvTable.Row row : figures) {
			CsvTable.Row d = demo.get(row.require("key"));
			RegistryModel.Enterprise e = d == null ? null : byName.get(d.require("name"));
			if (e == null) {
				throw new IllegalStateException(ENTERPRISES_FILE + " row " + row.line() + ": enterprise '" + row.get("key") + "' is not registered");
			}
			boolean ets = Boolean.parseBoolean(row.get("national_ets"));
			out.add(new DemoEnterprise(e.uscc(), e.countyCode(), d.get("park_code").isEmpty() ? null : d.get("park_code"),
					new BigDecimal(row.require("base_co2_t")), ets ? row.require("ets_source") : null));
		}
		return out;
	}

	private List<CsvTable.Row> table(String file) {
		return plan.planFile(file).map(r -> {
			try (var in = r.getInputStream()) {
				String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
				// '#' lines are comments (blanked, so line numbers stay)
				return CsvTable.parse(text.lines().map(l -> l.startsWith("#") ? "" : l).collect(Collectors.joining("\n")).strip()).rows();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot read " + file, ex);
			}
		}).orElse(List.of());
	}
}
