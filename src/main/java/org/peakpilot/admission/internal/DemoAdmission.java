package org.peakpilot.admission.internal;

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

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Product;
import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.ProjectKind;
import org.peakpilot.admission.Verdict;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The demo installation's made-up project applications ({@code demo/admission-projects.csv}, 示例数据（虚构）): with the
 * demo switch, after the demo budget is published, each is filed through the module's own path as {@code system:demo}
 * (the office on the enterprise's behalf), submitted, reviewed by its county (as an officer of that county,
 * {@code system:demo-county}) and decided by the city as its verdict allows (admit PASS or CONDITIONAL with the
 * assessment's conditions, route a ROUTE_UP up, reject a FAIL), as far as its stage says. Once: an installation that
 * holds any project is left alone; a database that is not a demo installation is never touched.
 */
@Component
@Order(50)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoAdmission implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoAdmission.class);

	static final String FILE = "demo/admission-projects.csv";
	private static final String DEMO_ENTERPRISES = "demo/enterprises.csv";
	static final String NOTE = "示例数据（虚构）Demo data, made up";

	private final AdmissionWorkflow workflow;
	private final PilotPlan plan;
	private final InstanceSettings instance;
	private final Registry registry;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final EmissionsAccounting accounting;

	DemoAdmission(AdmissionWorkflow workflow, PilotPlan plan, InstanceSettings instance, Registry registry, JdbcClient jdbc, Clock clock,
			EmissionsAccounting accounting) {
		this.accounting = accounting;
		this.workflow = workflow;
		this.plan = plan;
		this.instance = instance;
		this.registry = registry;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!instance.holdsDemoData()) {
			return;
		}
		long existing = jdbc.sql("SELECT count(*) FROM admission_project").query(Long.class).single();
		List<CsvTable.Row> rows = table(FILE);
		if (existing > 0 || rows.isEmpty()) {
			return;
		}
		Map<String, Long> enterprises = enterpriseIds();
		int year = Year.now(clock.withZone(java.time.ZoneId.of("Asia/Shanghai"))).getValue();
		int filed = 0;
		Map<String, String> units = accounting.products().stream().collect(Collectors.toMap(Product::code, Product::unit));
		for (CsvTable.Row row : rows) {
			ProjectInput input = input(row, year, enterprises, units);
			String stage = row.require("stage");
			try {
				take(input, stage);
				filed++;
			}
			catch (InvalidInputException | RuleViolationException ex) {
				// made-up data the engine or the workflow refuses (e.g. rules changed in the plan folder): the demo goes on without it
				log.warn("Demo project {} ({}) not filed as far as {}: {}", row.require("key"), FILE, stage, ex.getMessage());
			}
		}
		log.info("Filed {} made-up project applications of the demo ({})", filed, FILE);
	}

	/** Files the project and takes it as far as its stage. */
	private void take(ProjectInput input, String stage) {
		long id = SystemActor.call("demo", () -> workflow.file(input)).id();
		if (stage.equals("DRAFT")) {
			return;
		}
		SystemActor.call("demo", () -> workflow.submit(id, NOTE + "：提交审核"));
		if (stage.equals("SUBMITTED")) {
			return;
		}
		SystemActor.callAsCountyOfficer("demo-county", input.county(), () -> workflow.countyReview(id,
				new AdmissionRecords.CountyReview(AdmissionRecords.CountyAction.FORWARD, NOTE + "：区县同意转报")));
		if (stage.equals("CITY_REVIEW")) {
			return;
		}
		SystemActor.call("demo", () -> decide(id));
	}

	/** The city's decision as the verdict allows it. */
	private Object decide(long id) {
		AdmissionRecords.Project p = workflow.project(id);
		Assessment a = p.assessment();
		Verdict v = a.verdict();
		if (v == Verdict.FAIL) {
			return workflow.cityDecision(id, new AdmissionRecords.CityDecision(AdmissionRecords.CityAction.REJECT,
					NOTE + "：碳评不予通过，不予准入", List.of()));
		}
		if (v == Verdict.ROUTE_UP) {
			return workflow.cityDecision(id, new AdmissionRecords.CityDecision(AdmissionRecords.CityAction.ROUTE_UP,
					NOTE + "：达到省级审查标准，报上级审查", List.of()));
		}
		List<String> conditions = a.conditions().stream().map(Assessment.Condition::textZh).filter(t -> t != null && !t.isBlank())
			.map(t -> t.length() > AdmissionRecords.CONDITION_MAX ? t.substring(0, AdmissionRecords.CONDITION_MAX) : t)
			.limit(AdmissionRecords.CONDITIONS_MAX).collect(Collectors.toCollection(ArrayList::new));
		if (v == Verdict.CONDITIONAL && conditions.isEmpty()) {
			conditions.add(NOTE + "：按碳评报告落实减排措施");
		}
		return workflow.cityDecision(id, new AdmissionRecords.CityDecision(AdmissionRecords.CityAction.ADMIT, NOTE + "：同意准入", conditions));
	}

	private static ProjectInput input(CsvTable.Row row, int year, Map<String, Long> enterprises, Map<String, String> units) {
		List<Calculation.Line> lines = new ArrayList<>();
		for (String l : row.require("lines").split(";")) {
			String[] f = l.split("\\|", -1);
			lines.add(new Calculation.Line(Calculation.LineType.valueOf(f[0].strip()), f[1].isBlank() ? null : f[1].strip(),
					new BigDecimal(f[2].strip()), f[3].strip(), null, null, null, null, null, null, null, null, null, null));
		}
		String product = row.get("product_code");
		List<ProjectInput.Product> products = product == null || product.isBlank() ? List.of()
				: List.of(new ProjectInput.Product(product, decimal(row.get("product_quantity")), units.getOrDefault(product, "t"),
						decimal(row.get("product_quantity"))));
		String park = row.get("park_code");
		return new ProjectInput(row.require("name"), row.require("county_code"), park == null || park.isBlank() ? null : park,
				row.require("industry_code"), ProjectKind.valueOf(row.require("kind")), year, decimal(row.get("investment_10k_cny")),
				year + Integer.parseInt(row.require("start_in")), year + Integer.parseInt(row.require("commissioning_in")), products,
				decimal(row.get("output_value_10k_cny")), decimal(row.get("value_added_10k_cny")), lines, null, null,
				decimal(row.get("green_power_kwh")), null, null, null, null, List.of(), false, null, enterprises.get(row.require("applicant")));
	}

	private static BigDecimal decimal(String text) {
		return text == null || text.isBlank() ? null : new BigDecimal(text.strip());
	}

	/** The demo enterprises' registry ids by their key in {@code demo/enterprises.csv} (matched by the demo name). */
	private Map<String, Long> enterpriseIds() {
		Map<String, Long> byName = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.collect(Collectors.toMap(RegistryModel.Enterprise::name, RegistryModel.Enterprise::id, (a, b) -> a));
		Map<String, Long> ids = new LinkedHashMap<>();
		for (CsvTable.Row r : table(DEMO_ENTERPRISES)) {
			Long id = byName.get(r.require("name"));
			if (id != null) {
				ids.put(r.require("key"), id);
			}
		}
		return ids;
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
