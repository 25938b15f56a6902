package org.peakpilot.projects.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.projects.internal.GreenLibraryStore.Application;
import org.peakpilot.projects.internal.GreenLibraryStore.Kind;
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
 * The demo installation's green library (示例数据（虚构）): with the demo switch, after the demo module has loaded its
 * made-up enterprises and their verified reports, a few of them apply through the module's own path (as their
 * enterprise user) for themselves and for made-up projects, and the office lists all but one, which stays in the
 * review queue. The evaluations are computed from the demo's made-up reports like any other. Once: an installation
 * whose library holds any entry is left alone; a database that is not a demo installation is never touched.
 */
@Component
@Order(45)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoGreenLibrary implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(DemoGreenLibrary.class);
	static final String LABEL = "示例数据（虚构） Demo data, made up";

	/** Made-up applications: enterprise key of demo/enterprises.csv, then a project (name, category, 万元, t/yr) or none. */
	record DemoApplication(String enterpriseKey, String project, String category, String investment, String reduction, boolean listed) {
	}

	static final List<DemoApplication> APPLICATIONS = List.of(
			new DemoApplication("hightech-silicon", null, null, null, null, true),
			new DemoApplication("jiajiang-ceramics", null, null, null, null, true),
			new DemoApplication("hightech-silicon", "示例 屋顶分布式光伏 8 MW（虚构）", "G4", "3600", "5200", true),
			new DemoApplication("wutongqiao-polysilicon", "示例 余热发电改造（虚构）", "G1", "12800", "21000", true),
			new DemoApplication("jiajiang-ceramics", "示例 陶瓷废料综合利用（虚构）", "G3", "2400", "1800", true),
			new DemoApplication("wutongqiao-salt", null, null, null, null, false));

	private final GreenLibraryStore store;
	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final Registry registry;
	private final TransactionTemplate transaction;

	DemoGreenLibrary(GreenLibraryStore store, InstanceSettings instance, JdbcClient jdbc, PilotPlan plan, Registry registry,
			PlatformTransactionManager transactions) {
		this.store = store;
		this.instance = instance;
		this.jdbc = jdbc;
		this.plan = plan;
		this.registry = registry;
		this.transaction = new TransactionTemplate(transactions);
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!instance.holdsDemoData() || jdbc.sql("SELECT count(*) FROM projects_green_entry").query(Long.class).single() > 0) {
			return;
		}
		Map<String, String> names = plan.planFile("demo/enterprises.csv").map(r -> {
			try (var in = r.getInputStream()) {
				return CsvTable.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)).rows().stream()
					.collect(Collectors.toMap(x -> x.require("key"), x -> x.require("name")));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).orElse(Map.of());
		Map<String, RegistryModel.Enterprise> byName = SystemActor.call("demo", () -> registry.enterprises(RegistryModel.EnterpriseQuery.ALL))
			.stream().collect(Collectors.toMap(RegistryModel.Enterprise::name, Function.identity(), (a, b) -> a));
		int listed = 0;
		for (DemoApplication d : APPLICATIONS) {
			RegistryModel.Enterprise e = byName.get(names.get(d.enterpriseKey()));
			if (e == null) {
				continue;
			}
			Application in = new Application(d.project() == null ? Kind.ENTERPRISE : Kind.PROJECT, d.project(), d.category(),
					d.investment() == null ? null : new BigDecimal(d.investment()), d.reduction() == null ? null : new BigDecimal(d.reduction()),
					null, null, LABEL, null, null);
			long id = SystemActor.callAs("demo", Role.ENTERPRISE_USER, Set.of(e.id()), () -> transaction.execute(s -> store.apply(in))).id();
			if (d.listed()) {
				SystemActor.call("demo", () -> transaction.execute(s -> store.approve(id, LABEL + "：办公室审核通过 · listed by the office")));
				listed++;
			}
		}
		log.info("Loaded the demo green library (made up): {} listed entries", listed);
	}
}
