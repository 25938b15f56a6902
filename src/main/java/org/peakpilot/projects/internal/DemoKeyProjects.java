package org.peakpilot.projects.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.PageFormat;
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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo installation's made-up key projects (示例数据（虚构）, {@code demo/key-projects.csv}, about 40 across the
 * domains and counties): with the demo switch, after the demo module has loaded its data set, each row goes through the
 * library's own path as {@code system:demo} (the same checks as the form), its latest progress dated the given number of
 * months ago, and its realised savings entered with a made-up reference number. Once: an installation that already
 * holds demo key projects, or that is not a demo installation, is left alone.
 */
@Component
@Order(50)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoKeyProjects implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoKeyProjects.class);

	static final String FILE = "demo/key-projects.csv";
	static final String LABEL = "（示例数据（虚构））";

	private final KeyProjects projects;
	private final KeyProjectSavings savings;
	private final PilotPlan plan;
	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final Registry registry;

	DemoKeyProjects(KeyProjects projects, KeyProjectSavings savings, PilotPlan plan, InstanceSettings instance, JdbcClient jdbc,
			PlatformTransactionManager transactions, Clock clock, Registry registry) {
		this.projects = projects;
		this.savings = savings;
		this.plan = plan;
		this.instance = instance;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.registry = registry;
	}

	@Override
	public void run(ApplicationArguments args) {
		Integer loaded = SystemActor.call("demo", () -> transaction.execute(status -> load()));
		if (loaded != null && loaded > 0) {
			log.info("Loaded {} demo key projects (made up)", loaded);
		}
	}

	/** The number of projects loaded; 0 when there is nothing to do. */
	int load() {
		if (!instance.holdsDemoData()) {
			return 0;
		}
		long existing = jdbc.sql("SELECT count(*) FROM keylib_project WHERE created_by = 'system:demo'").query(Long.class).single();
		List<CsvTable.Row> rows = table();
		if (existing > 0 || rows.isEmpty()) {
			return 0;
		}
		Map<String, String> demoNames = new LinkedHashMap<>();
		plan.planFile("demo/enterprises.csv").ifPresent(r -> read(r).forEach(x -> demoNames.put(x.require("key"), x.require("name"))));
		Map<String, Long> byName = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.collect(Collectors.toMap(RegistryModel.Enterprise::name, RegistryModel.Enterprise::id, (a, b) -> a));
		LocalDate today = LocalDate.now(clock.withZone(PageFormat.BEIJING));
		for (CsvTable.Row r : rows) {
			Long owner = null;
			if (!r.get("owner_key").isEmpty()) {
				owner = byName.get(demoNames.get(r.get("owner_key")));
				if (owner == null) {
					throw new IllegalStateException(FILE + " row " + r.line() + ": demo enterprise '" + r.get("owner_key") + "' is not registered");
				}
			}
			KeyProjects.Input in = new KeyProjects.Input(Integer.valueOf(r.require("domain_no")), r.require("county_code"), owner,
					owner == null ? r.require("owner_name") : null, r.require("name") + LABEL, decimal(r.get("investment_10k_cny")),
					decimal(r.get("completed_10k_cny")), Integer.valueOf(r.require("start_year")), Integer.valueOf(r.require("end_year")),
					KeyProjectStage.valueOf(r.require("stage")), decimal(r.get("expected_tce")), decimal(r.get("expected_co2_t")),
					r.get("estimate_method").isEmpty() ? null : r.get("estimate_method"));
			LocalDate on = today.minusMonths(Long.parseLong(r.require("progress_months_ago")));
			KeyProjects.Project p = projects.createAsOf(in, on, "示例数据（虚构）Demo data, made up");
			if (!r.get("realised_year").isEmpty()) {
				savings.withEvidence(p.id(), new KeyProjectSavings.Evidence(Integer.valueOf(r.get("realised_year")), decimal(r.get("realised_tce")),
						decimal(r.get("realised_co2_t")), "示例数据（虚构）乐市发改环资〔" + r.get("realised_year") + "〕" + (100 + r.line()) + "号",
						"示例数据（虚构）：节能量审核报告 Demo data, made up", null, null));
			}
		}
		return rows.size();
	}

	private static BigDecimal decimal(String s) {
		return s == null || s.isEmpty() ? null : new BigDecimal(s);
	}

	private List<CsvTable.Row> table() {
		return plan.planFile(FILE).map(DemoKeyProjects::read).orElse(List.of());
	}

	private static List<CsvTable.Row> read(org.springframework.core.io.Resource r) {
		try (var in = r.getInputStream()) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\uFEFF", "");
			// '#' lines are comments (blanked, so line numbers stay)
			return CsvTable.parse(text.lines().map(l -> l.startsWith("#") ? "" : l).collect(Collectors.joining("\n")).strip()).rows();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + FILE, ex);
		}
	}
}
