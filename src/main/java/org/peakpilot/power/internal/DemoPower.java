package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.PurchasedElectricity;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
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
 * The demo installation's green certificates and green power (绿证、绿电, 示例数据（虚构）): with the demo switch, after
 * the demo data set and its reports are in, the demo's polysilicon enterprises (industry {@value #POLYSILICON}, the
 * largest by yearly energy first) get made-up GEC lots entered through {@link GecLedger} (codes of 32 letters and
 * digits from a fixed seed, unique, starting {@code DEMO}: made up, not the platform's): for the first, wind, solar
 * and (post-2023, tradable) hydro lots of last year, all declared, four of them claimed for last year through
 * {@link GreenClaimBook} (the fifth stays declared and unclaimed, so the claim is below the declared MWh), lots of the
 * last four months held, a pre-2023 hydro lot (never tradable, and long expired), a lot frozen because its project
 * chose CCER, and a green-power contract of last month (its generator is not in the registry, so no lots move with
 * it); for the second, two lots (one declared). The office's share targets for the industry (last year 25 %, this
 * year 30 %) are set through {@link GreenShares}. A product footprint is computed through {@link Footprints} only
 * where last year's verified reports hold purchased electricity and a POLYSILICON output; otherwise the log says
 * why and nothing is made up (the demo's reports are one line of coal a month, and their figures stay as they are:
 * green kWh in a report is the enterprise's own act). Once: an installation holding the first demo code is left
 * alone; a database that is not a demo installation is never touched.
 */
@Component
@Order(70)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoPower implements ApplicationRunner {

	static final String POLYSILICON = "3985";
	static final long SEED = 0x15_9EC_DE70L;
	static final String LABEL = "示例数据（虚构）";
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final Logger log = LoggerFactory.getLogger(DemoPower.class);

	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final Registry registry;
	private final GecLedger ledger;
	private final GreenClaimBook book;
	private final GreenShares shares;
	private final Footprints footprints;
	private final VerifiedYears verifiedYears;
	private final EmissionsAccounting accounting;
	private final TransactionTemplate transaction;
	private final Clock clock;

	DemoPower(InstanceSettings instance, JdbcClient jdbc, Registry registry, GecLedger ledger, GreenClaimBook book, GreenShares shares,
			Footprints footprints, VerifiedYears verifiedYears, EmissionsAccounting accounting, PlatformTransactionManager transactions, Clock clock) {
		this.instance = instance;
		this.jdbc = jdbc;
		this.registry = registry;
		this.ledger = ledger;
		this.book = book;
		this.shares = shares;
		this.footprints = footprints;
		this.verifiedYears = verifiedYears;
		this.accounting = accounting;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!instance.holdsDemoData()) {
			return;
		}
		List<String> codes = codes(YearMonth.from(LocalDate.now(clock.withZone(BEIJING))));
		if (jdbc.sql("SELECT count(*) FROM power_gec_lot WHERE code = :c").param("c", codes.get(0)).query(Long.class).single() > 0) {
			return;
		}
		String summary = SystemActor.call("demo", () -> transaction.execute(s -> load(codes)));
		log.info("Loaded the demo green certificates and green power (made up): {}", summary);
	}

	// A made-up lot: technology, production month, MWh, and what happens to it.
	record DemoLot(String project, GecTechnology technology, YearMonth month, long mwh, boolean declare, boolean claim, boolean ccer) {
	}

	/**
	 * The lots of the first enterprise, in the order their codes are drawn (the first code marks the load). Months
	 * relative to {@code now}, the current Beijing month.
	 */
	static List<DemoLot> mainLots(YearMonth now) {
		int last = now.getYear() - 1;
		String wind = "示例 马边县风电场（虚构）";
		String solar = "示例 犍为县光伏电站（虚构）";
		return List.of(
				new DemoLot(wind, GecTechnology.WIND, YearMonth.of(last, 3), 12_000, true, true, false),
				new DemoLot(solar, GecTechnology.SOLAR, YearMonth.of(last, 6), 18_000, true, true, false),
				new DemoLot("示例 峨边县水电站二期（2023 年投产）（虚构）", GecTechnology.HYDRO, YearMonth.of(last, 8), 25_000, true, true, false),
				new DemoLot(solar, GecTechnology.SOLAR, YearMonth.of(last, 9), 15_000, true, true, false),
				new DemoLot(wind, GecTechnology.WIND, YearMonth.of(last, 11), 10_000, true, false, false),
				new DemoLot(solar, GecTechnology.SOLAR, now.minusMonths(1), 9_000, false, false, false),
				new DemoLot(wind, GecTechnology.WIND, now.minusMonths(2), 7_500, false, false, false),
				new DemoLot(solar, GecTechnology.SOLAR, now.minusMonths(3), 8_200, false, false, false),
				new DemoLot(wind, GecTechnology.WIND, now.minusMonths(4), 6_800, false, false, false),
				new DemoLot("示例 金口河区水电站一期（2015 年投产）（虚构）", GecTechnology.HYDRO, YearMonth.of(2022, 8), 5_000, false, false, false),
				new DemoLot("示例 沐川县风电场（CCER 项目）（虚构）", GecTechnology.WIND, now.minusMonths(2), 4_000, false, false, true));
	}

	/** The lots of the second enterprise. */
	static List<DemoLot> secondLots(YearMonth now) {
		return List.of(new DemoLot("示例 犍为县光伏电站（虚构）", GecTechnology.SOLAR, now.minusMonths(1), 3_000, false, false, false),
				new DemoLot("示例 马边县风电场（虚构）", GecTechnology.WIND, YearMonth.of(now.getYear() - 1, 10), 2_500, true, false, false));
	}

	/**
	 * The made-up codes, one per lot of {@link #mainLots} then {@link #secondLots}: {@code DEMO} and 13 seeded letters
	 * or digits (the project part, 17), the production month yyyyMM and 9 seeded digits (the output part, 15); unique.
	 */
	static List<String> codes(YearMonth now) {
		List<DemoLot> lots = new ArrayList<>(mainLots(now));
		lots.addAll(secondLots(now));
		SplittableRandom random = new SplittableRandom(SEED);
		String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
		Set<String> codes = new LinkedHashSet<>();
		for (DemoLot lot : lots) {
			String code;
			do {
				StringBuilder b = new StringBuilder("DEMO");
				for (int i = 0; i < 13; i++) {
					b.append(alphabet.charAt(random.nextInt(alphabet.length())));
				}
				b.append("%04d%02d".formatted(lot.month().getYear(), lot.month().getMonthValue()));
				for (int i = 0; i < 9; i++) {
					b.append(random.nextInt(10));
				}
				code = b.toString();
			}
			while (!codes.add(code));
		}
		return List.copyOf(codes);
	}

	private String load(List<String> codes) {
		LocalDate today = LocalDate.now(clock.withZone(BEIJING));
		YearMonth now = YearMonth.from(today);
		int lastYear = now.getYear() - 1;
		List<RegistryModel.Enterprise> silicon = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.filter(e -> POLYSILICON.equals(e.industryCode()))
			.sorted(Comparator.comparing((RegistryModel.Enterprise e) -> e.annualEnergyTce() == null ? BigDecimal.ZERO : e.annualEnergyTce())
				.reversed().thenComparing(RegistryModel.Enterprise::id))
			.toList();
		if (silicon.isEmpty()) {
			log.info("The demo holds no polysilicon enterprise (industry {}): no demo green certificates", POLYSILICON);
			return "nothing (no polysilicon enterprise)";
		}
		int next = 0;
		RegistryModel.Enterprise main = silicon.get(0);
		List<DemoLot> mainLots = mainLots(now);
		List<Long> claimLots = new ArrayList<>();
		int lots = 0;
		int declared = 0;
		for (DemoLot l : mainLots) {
			GecLedger.Lot lot = enter(codes.get(next++), main.id(), l);
			lots++;
			if (l.ccer()) {
				ledger.freeze(lot.id(), "示例 CCER 项目登记（虚构）");
			}
			if (l.declare()) {
				ledger.declare(lot.id(), LABEL);
				declared++;
			}
			if (l.claim()) {
				claimLots.add(lot.id());
			}
		}
		GreenClaimBook.Claim claim = book.claim(new GreenClaimBook.ClaimInput(main.id(), lastYear, 1, 12, claimLots, null,
				LABEL + "：" + lastYear + " 年绿电消费声明"));
		YearMonth delivered = now.minusMonths(1);
		book.contract(new GreenClaimBook.ContractInput(main.id(), null, "示例 沐川县风电场（虚构）",
				"示例-LD-%d%02d-001（虚构）".formatted(delivered.getYear(), delivered.getMonthValue()), delivered.toString(), 8_000L, null));
		if (silicon.size() > 1) {
			for (DemoLot l : secondLots(now)) {
				GecLedger.Lot lot = enter(codes.get(next++), silicon.get(1).id(), l);
				lots++;
				if (l.declare()) {
					ledger.declare(lot.id(), LABEL);
					declared++;
				}
			}
		}
		shares.setTarget(POLYSILICON, lastYear, new BigDecimal("25"), LABEL + "：示例 乐山市发展改革委（虚构）设定的多晶硅行业绿电消费比例目标");
		shares.setTarget(POLYSILICON, now.getYear(), new BigDecimal("30"), LABEL + "：示例 乐山市发展改革委（虚构）设定的多晶硅行业绿电消费比例目标");

		int computed = 0;
		for (RegistryModel.Enterprise e : silicon) {
			String why = footprintMissing(e.id(), lastYear);
			if (why != null) {
				log.info("No demo footprint of enterprise {} ({}) for {}: {}", e.id(), e.name(), lastYear, why);
				continue;
			}
			footprints.compute(e.id(), lastYear, Footprints.Product.POLYSILICON, null, null);
			computed++;
		}
		return ("%d GEC lots for %d polysilicon enterprise(s), %d declared; a claim of %d MWh for %d; a green-power contract; "
				+ "share targets for industry %s; %d footprint(s)").formatted(lots, Math.min(2, silicon.size()), declared, claim.mwh(), lastYear,
						POLYSILICON, computed);
	}

	/** Why no footprint can be computed from the verified reports of the year, or null when it can. */
	private String footprintMissing(long enterpriseId, int year) {
		VerifiedYears.YearFigures figures = verifiedYears.of(enterpriseId, year);
		if (figures.verifiedMonths() == 0) {
			return "no verified report of the year";
		}
		PurchasedElectricity purchased = accounting.purchasedElectricity(enterpriseId, year);
		if (purchased.purchasedKwh() == null || purchased.purchasedKwh().signum() <= 0) {
			return "the verified reports hold no purchased electricity (the demo's reports are not changed to make one up)";
		}
		BigDecimal output = figures.products().get("POLYSILICON");
		if (output == null || output.signum() <= 0) {
			return "the verified reports state no POLYSILICON output (none is made up)";
		}
		return null;
	}

	private GecLedger.Lot enter(String code, long holder, DemoLot l) {
		return ledger.enter(new GecLedger.LotInput(code, l.project(), l.technology(), l.month().toString(), l.mwh(), null, null, holder, false,
				false));
	}
}
