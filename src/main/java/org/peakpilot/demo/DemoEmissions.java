package org.peakpilot.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.EnergyUse;
import org.peakpilot.accounting.Report;
import org.peakpilot.accounting.ReportContent;
import org.peakpilot.accounting.ReportLine;
import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Cny10k;
import org.peakpilot.shared.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Made-up monthly reports of the demo enterprises (示例数据（虚构）, {@code demo/budget-enterprises.csv}) for last
 * year's 12 months and this year's closed Beijing months, so that the carbon budget's execution has something to
 * count. Entered through accounting's entry point as the roles would: saved and submitted by the city office
 * ({@code system:demo}), verified by a system verifier assigned to the demo enterprises ({@code system:demo-verifier}),
 * locked by the office. Last year's months and this year's months up to three before the last closed one are locked,
 * the one after verified, the last two only submitted (REPORTED in the execution). The enterprises that have a demo
 * enterprise user ({@code demo/users.csv}) keep their last closed month open, for the walk through the browser
 * (the user fills and submits it, the verifier verifies, the city locks): until then their park and county show
 * INCOMPLETE or a level their known figures prove.
 * <p>
 * Each month has one activity line of bituminous coal whose quantity gives the month's made-up tCO2 with the
 * accounting factors of the year: last year {@code base_co2_t} spread by a fixed seasonal shape; this year
 * {@code pace} × that month (or, with {@code use_to_date}, the months so far add up to that share of
 * {@code base_co2_t}, the enterprise's grandfathered budget, at least 1.5 points ahead of the seasonal path and at most
 * 94 %). The output value is {@code output_10k_cny} spread the same way, 6 % more this year. A month that already has
 * a report (a restart, the monthly closing's metered draft, a user's) is left alone, so a restart adds nothing;
 * a month closed since the last start gets its report. Runs after {@link DemoLoader} and before the budget module's
 * demo budget, only on a demo installation.
 */
@Component
@Order(35)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoEmissions implements ApplicationRunner {

	static final String FILE = "demo/budget-enterprises.csv";

	/** Seasonal shape of the months (Spring Festival in February, summer peak of the hydro-rich grid's industry). */
	static final double[] SEASON = { 1.02, 0.84, 1.0, 1.0, 1.01, 0.99, 1.04, 1.06, 1.01, 1.0, 1.0, 1.03 };

	/** This year's output value ÷ last year's. */
	static final BigDecimal OUTPUT_GROWTH = new BigDecimal("1.06");

	private static final Logger log = LoggerFactory.getLogger(DemoEmissions.class);

	/** One enterprise's made-up figures; exactly one of {@code pace} and {@code useToDate} is set. */
	record Figures(int line, String key, BigDecimal baseCo2, BigDecimal pace, BigDecimal useToDate, BigDecimal output) {
	}

	private final PilotPlan plan;
	private final Registry registry;
	private final InstanceSettings instance;
	private final EmissionsAccounting accounting;
	private final TransactionTemplate transaction;
	private final Clock clock;

	DemoEmissions(PilotPlan plan, Registry registry, InstanceSettings instance, EmissionsAccounting accounting,
			PlatformTransactionManager transactions, Clock clock) {
		this.plan = plan;
		this.registry = registry;
		this.instance = instance;
		this.accounting = accounting;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		long started = System.nanoTime();
		Integer written = SystemActor.call("demo", () -> transaction.execute(status -> load()));
		if (written != null && written > 0) {
			log.info("Entered {} made-up monthly reports of the demo enterprises in {} ms", written, (System.nanoTime() - started) / 1_000_000);
		}
	}

	/** The reports written, in the caller's transaction; 0 when there was nothing to do. */
	int load() {
		if (!instance.holdsDemoData()) {
			return 0;
		}
		List<Figures> figures = read(plan::planFile);
		if (figures.isEmpty()) {
			return 0;
		}
		DemoDataSet data = DemoDataSet.read(plan::planFile);
		Map<String, DemoDataSet.Enterprise> byKey = data.enterprises().stream()
			.collect(Collectors.toMap(DemoDataSet.Enterprise::key, Function.identity()));
		Set<String> withUser = data.users().stream().filter(u -> u.role() == Role.ENTERPRISE_USER).flatMap(u -> u.enterpriseKeys().stream())
			.collect(Collectors.toSet());
		Map<String, Long> ids = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.collect(Collectors.toMap(RegistryModel.Enterprise::uscc, RegistryModel.Enterprise::id, (a, b) -> a));
		YearMonth now = YearMonth.now(clock);
		int year = now.getYear();
		int closed = now.getMonthValue() - 1;
		Map<Integer, BigDecimal> coalFactor = new LinkedHashMap<>();
		for (int y : new int[] { year - 1, year }) {
			coalFactor.put(y, accounting.calculate(new Calculation.Request(y, null, List.of(coal(BigDecimal.ONE)))).totals().totalCo2T().value());
		}
		double seasonSum = 0;
		double seasonToDate = 0;
		for (int m = 0; m < 12; m++) {
			seasonSum += SEASON[m];
			seasonToDate += m < closed ? SEASON[m] : 0;
		}
		// the months that have a report already (one read per year)
		Set<String> existing = new java.util.HashSet<>();
		for (int y : new int[] { year - 1, year }) {
			accounting.monthlyResults(y).forEach(r -> existing.add(r.enterpriseId() + "/" + y + "/" + r.month()));
		}
		List<Long> toVerify = new ArrayList<>();
		Map<Long, Integer> targets = new LinkedHashMap<>();
		int written = 0;
		for (Figures f : figures) {
			String where = FILE + " line " + f.line();
			DemoDataSet.Enterprise e = byKey.get(f.key());
			if (e == null) {
				throw new IllegalStateException(where + ": enterprise '" + f.key() + "' is not in " + DemoDataSet.ENTERPRISES);
			}
			Long id = ids.get(e.uscc());
			if (id == null) {
				throw new IllegalStateException(where + ": enterprise '" + f.key() + "' is not registered");
			}
			double pace = f.pace() != null ? f.pace().doubleValue()
					// the months so far use this share of the budget: at least 1.5 points ahead of the seasonal path, at most 94 %
					: closed == 0 ? 1 : Math.min(0.94, Math.max(f.useToDate().doubleValue(), seasonToDate / seasonSum + 0.015)) * seasonSum / seasonToDate;
			for (int y = year - 1; y <= year; y++) {
				for (int m = 1; m <= (y == year ? closed : 12); m++) {
					if (existing.contains(id + "/" + y + "/" + m) || (y == year && m == closed && withUser.contains(f.key()))) {
						continue;
					}
					double share = SEASON[m - 1] / seasonSum;
					BigDecimal co2 = f.baseCo2().multiply(BigDecimal.valueOf(share * (y == year ? pace : 1)));
					BigDecimal coal = co2.divide(coalFactor.get(y), 3, RoundingMode.HALF_UP);
					BigDecimal output = f.output().multiply(BigDecimal.valueOf(share)).multiply(y == year ? OUTPUT_GROWTH : BigDecimal.ONE)
						.setScale(2, RoundingMode.HALF_UP);
					Report saved = accounting.saveReport(id, y, m, new ReportContent(Cny10k.of(output), null, List.of(new ReportLine(coal(coal), EnergyUse.ENERGY)), List.of()));
					accounting.submitReport(saved.id());
					written++;
					// last year locked; this year locked up to three months before the last closed one, then verified, then submitted
					int stage = y < year || m <= closed - 3 ? 2 : m == closed - 2 ? 1 : 0;
					if (stage > 0) {
						toVerify.add(saved.id());
						targets.put(saved.id(), stage);
					}
				}
			}
		}
		if (!toVerify.isEmpty()) {
			SystemActor.callAs("demo-verifier", Role.VERIFIER, Set.copyOf(ids.values()), () -> {
				return accounting.verifyReports(toVerify);
			});
			toVerify.stream().filter(id -> targets.get(id) == 2).forEach(accounting::lockReport);
		}
		return written;
	}

	private static Calculation.Line coal(BigDecimal tonnes) {
		return new Calculation.Line(Calculation.LineType.FUEL, "BITUMINOUS-COAL", tonnes, "t", null, null, null, null, null, null, null, null,
				null, "示例数据（虚构）烟煤 · made-up bituminous coal");
	}

	static List<Figures> read(Function<String, java.util.Optional<Resource>> planFile) {
		java.util.Optional<Resource> resource = planFile.apply(FILE);
		if (resource.isEmpty()) {
			return List.of();
		}
		String text;
		try (var in = resource.get().getInputStream()) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + FILE, ex);
		}
		// '#' lines are comments (blanked, so line numbers stay)
		text = text.replace("\uFEFF", "").lines().map(l -> l.startsWith("#") ? "" : l).collect(Collectors.joining("\n"));
		List<Figures> figures = new ArrayList<>();
		for (CsvTable.Row row : CsvTable.parse(text.strip()).rows()) {
			String where = FILE + " row " + row.line();
			BigDecimal pace = decimal(row.get("pace"), where);
			BigDecimal use = decimal(row.get("use_to_date"), where);
			if ((pace == null) == (use == null)) {
				throw new IllegalStateException(where + ": exactly one of pace and use_to_date is needed");
			}
			figures.add(new Figures(row.line(), row.require("key"), decimal(row.require("base_co2_t"), where), pace, use,
					decimal(row.require("output_10k_cny"), where)));
		}
		return figures;
	}

	private static BigDecimal decimal(String text, String where) {
		if (text == null || text.isEmpty()) {
			return null;
		}
		try {
			return new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException(where + ": '" + text + "' is not a number", ex);
		}
	}
}
