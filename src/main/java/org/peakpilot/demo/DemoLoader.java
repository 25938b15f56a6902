package org.peakpilot.demo;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.peakpilot.monitoring.EnergyMonitoring;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.plan.PlanModel.Kind;
import org.peakpilot.plan.PlanModel.Tracked;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.RuleViolationException;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Loads the demo data set on start-up when {@code peakpilot.demo.enabled} is set, after the plan and the registry's
 * reference data: as {@code system:demo}, through the entry points of the registry, the user accounts and the plan,
 * all in one transaction that ends by marking the installation as holding demo data. {@link DemoGuard} decides
 * whether it may; a second start finds the mark and does nothing.
 */
@Component
@Order(30)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoLoader implements ApplicationRunner {

	static final String SOURCE = "演示数据（虚构）Demo data, made up";
	static final String NOTE = "虚构数值，仅供演示 Made-up value, for demonstration only";

	private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

	private final DemoSettings settings;
	private final PilotPlan plan;
	private final Registry registry;
	private final UserAccounts accounts;
	private final InstanceSettings instance;
	private final EnergyMonitoring monitoring;
	private final TransactionTemplate transaction;
	private final ObjectProvider<EmbeddedPostgres> embeddedDatabase;
	private final Clock clock;

	DemoLoader(DemoSettings settings, PilotPlan plan, Registry registry, UserAccounts accounts, InstanceSettings instance,
			EnergyMonitoring monitoring, PlatformTransactionManager transactions, ObjectProvider<EmbeddedPostgres> embeddedDatabase,
			Clock clock) {
		this.settings = settings;
		this.plan = plan;
		this.registry = registry;
		this.accounts = accounts;
		this.instance = instance;
		this.monitoring = monitoring;
		this.transaction = new TransactionTemplate(transactions);
		this.embeddedDatabase = embeddedDatabase;
		this.clock = clock;
	}

	private record Loaded(int enterprises, List<DemoDataSet.User> users, int values, int targets, int meters, int gateways) {
	}

	@Override
	public void run(ApplicationArguments args) {
		String configured = settings.password();
		if (!configured.isEmpty() && configured.length() < UserAccounts.MIN_PASSWORD_LENGTH) {
			throw new IllegalStateException("PEAKPILOT_DEMO_PASSWORD needs at least " + UserAccounts.MIN_PASSWORD_LENGTH + " characters");
		}
		String password = configured.isEmpty() ? UserAccounts.randomPassword() : configured;
		Loaded loaded = SystemActor.call("demo", () -> transaction.execute(status -> load(password)));
		if (loaded == null) {
			log.info("The database already holds the demo data set; nothing to load");
			return;
		}
		String users = loaded.users().stream().map(u -> "   %-20s %s".formatted(u.username(), u.role()))
			.collect(Collectors.joining("\n"));
		String summary = "%d enterprises, %d users, %d plan values, %d provincial targets, %d meters, %d gateways".formatted(
				loaded.enterprises(), loaded.users().size(), loaded.values(), loaded.targets(), loaded.meters(), loaded.gateways());
		if (configured.isEmpty()) {
			log.warn("""

					============================================================
					 Loaded the demo data set (made up): {}.
					 Demo users, all with the password:  {}
					{}
					 This password is shown only once.
					============================================================""", summary, password, users);
		}
		else {
			log.info("Loaded the demo data set (made up): {}. Demo users, with the password from PEAKPILOT_DEMO_PASSWORD:\n{}",
					summary, users);
		}
	}

	/** The data set written in the caller's transaction, or {@code null} when it was there already. */
	private Loaded load(String password) {
		DemoGuard.Verdict verdict = DemoGuard.decide(new DemoGuard.Facts(embeddedDatabase.getIfAvailable() != null,
				settings.allowExternalDatabase(), instance.holdsDemoData(),
				registry.enterprises(RegistryModel.EnterpriseQuery.ALL).size(), itemsWithValues()));
		if (verdict == DemoGuard.Verdict.ALREADY_LOADED) {
			return null;
		}
		DemoDataSet data = DemoDataSet.read(plan::planFile);
		Map<String, Long> parks = registry.parks().stream()
			.collect(Collectors.toMap(RegistryModel.Park::code, RegistryModel.Park::id));

		Map<String, Long> enterprises = new LinkedHashMap<>();
		for (DemoDataSet.Enterprise e : data.enterprises()) {
			String where = DemoDataSet.ENTERPRISES + " line " + e.line();
			Long parkId = e.parkCode() == null ? null : park(parks, e.parkCode(), where);
			RegistryModel.Enterprise registered = at(where, () -> registry.register(new RegistryModel.EnterpriseForm(
					e.uscc(), e.name(), e.countyCode(), e.industryCode(), parkId, e.keyEnergyUnit(), e.annualEnergyTce())));
			if (enterprises.putIfAbsent(e.key(), registered.id()) != null) {
				throw new IllegalStateException(where + ": key '" + e.key() + "' appears twice");
			}
			// the made-up units have been in the pilot since the start of last year, so their work page has a year of
			// months to fill (months to fill count from the registration)
			at(where, () -> registry.registeredSince(registered.id(),
					java.time.Year.now(clock).minusYears(1).atDay(1).atStartOfDay(clock.getZone()).toInstant()));
		}

		for (DemoDataSet.User u : data.users()) {
			String where = DemoDataSet.USERS + " line " + u.line();
			Set<Long> ids = new LinkedHashSet<>();
			for (String key : u.enterpriseKeys()) {
				Long id = enterprises.get(key);
				if (id == null) {
					throw new IllegalStateException(where + ": enterprise '" + key + "' is not in " + DemoDataSet.ENTERPRISES);
				}
				ids.add(id);
			}
			if (u.role() == Role.ENTERPRISE_USER && ids.size() != 1) {
				throw new IllegalStateException(where + ": an enterprise user needs exactly one enterprise, got " + ids.size());
			}
			Long parkId = u.parkCode() == null ? null : park(parks, u.parkCode(), where);
			Long enterpriseId = u.role() == Role.ENTERPRISE_USER ? ids.iterator().next() : null;
			Set<Long> assigned = u.role() == Role.VERIFIER ? ids : Set.of();
			at(where, () -> accounts.createUser(new UserAccounts.UserForm(u.username(), u.displayName(), password, u.role(),
					u.countyCode(), parkId, enterpriseId, assigned, true)));
		}

		int values = 0;
		int targets = 0;
		for (DemoDataSet.Value v : data.values()) {
			String where = DemoDataSet.VALUES + " line " + v.line();
			if (v.provincialTarget()) {
				at(where, () -> plan.setProvincialTarget(v.itemCode(), v.year(), v.value(), SOURCE));
				targets++;
			}
			else {
				at(where, () -> plan.record(new PilotPlan.NewObservation(v.itemCode(), v.year(), v.value(), null, SOURCE, NOTE)));
				values++;
			}
		}

		// monitoring: meters of the key energy-using units and one gateway each (its token is given to the simulator
		// on each of its starts, see DemoSimulator; nobody else needs it)
		DemoMonitoringData monitored = DemoMonitoringData.read(plan::planFile);
		for (DemoMonitoringData.Meter m : monitored.meters()) {
			String where = DemoMonitoringData.METERS + " line " + m.line();
			long enterpriseId = enterprise(enterprises, m.enterpriseKey(), where);
			at(where, () -> monitoring.registerMeter(enterpriseId, m.form()));
		}
		for (DemoMonitoringData.Gateway g : monitored.gateways()) {
			String where = DemoMonitoringData.GATEWAYS + " line " + g.line();
			long enterpriseId = enterprise(enterprises, g.enterpriseKey(), where);
			at(where, () -> monitoring.createGateway(enterpriseId, g.name()));
		}

		Loaded loaded = new Loaded(enterprises.size(), data.users(), values, targets, monitored.meters().size(), monitored.gateways().size());
		instance.put(InstanceSettings.DEMO_DATA, "plan %s: %d enterprises, %d users, %d values, %d provincial targets; loaded %s"
			.formatted(plan.info().code(), loaded.enterprises(), loaded.users().size(), values, targets, OffsetDateTime.now(clock)));
		return loaded;
	}

	private long itemsWithValues() {
		return Stream.of(Kind.INDICATOR, Kind.COMMITMENT)
			.flatMap(kind -> plan.tracked(kind).stream())
			.map(Tracked::progress)
			.filter(p -> p.latestYear() != null)
			.count();
	}

	private static long enterprise(Map<String, Long> enterprises, String key, String where) {
		Long id = enterprises.get(key);
		if (id == null) {
			throw new IllegalStateException(where + ": enterprise '" + key + "' is not in " + DemoDataSet.ENTERPRISES);
		}
		return id;
	}

	private static Long park(Map<String, Long> parks, String code, String where) {
		Long id = parks.get(code);
		if (id == null) {
			throw new IllegalStateException(where + ": park '" + code + "' is not in the plan's parks.csv");
		}
		return id;
	}

	/** Runs one write and names the demo table line when the entry point rejects it. */
	private static <T> T at(String where, Supplier<T> write) {
		try {
			return write.get();
		}
		catch (InvalidInputException | RuleViolationException ex) {
			throw new IllegalStateException(where + " was rejected: " + ex.getMessage(), ex);
		}
	}
}
