package org.peakpilot.inclusive.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.platform.InstanceSettings;
import org.peakpilot.platform.SystemActor;
import org.peakpilot.platform.UserAccounts;
import org.peakpilot.shared.CsvTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo installation's carbon-inclusive scheme (碳普惠, 示例数据（虚构）): with the demo switch, after the demo
 * module has loaded its data set, the made-up partners of {@code demo/inclusive-partners.csv} (a transit operator, a
 * scenic-area operator at 乐山大佛 and 峨眉山, an event organiser; their users get the demo password) and the scenes of
 * {@code demo/inclusive-scenes.csv}; {@value #CITIZENS} made-up citizens who sign up like anyone (one of them,
 * {@value #WALKTHROUGH}, with the demo password; the others with random passwords nobody knows), consent and link
 * their accounts; {@value #DAYS} days of their green trips pushed day by day through the partner API's own crediting
 * code ({@link TripIntake}, run with the clock of the day the trips were pushed so the claim window holds) and their
 * check-ins at the scenes ({@link Scenes}, likewise); the badges the rules give them ({@link Badges}); a forestry project of
 * 沐川 verified, approved and issued as carbon tickets from the demo sink ledger's increments (budget's {@code DemoSinks});
 * a zero-carbon event of the organiser with its footprint, points donated by citizens and tickets bought from the
 * project (43 CNY/t) and retired for it. The scenic operator's shuttle legs are refused: the shuttle has no
 * verified factor (never invented) until the office sets one. Seeded: every load gives the same trips. Once: an installation
 * holding the first demo partner is left alone; a database that is not a demo installation is never touched.
 */
@Component
@Order(60)
@ConditionalOnBooleanProperty("peakpilot.demo.enabled")
class DemoInclusive implements ApplicationRunner {

	static final String PARTNERS = "demo/inclusive-partners.csv";
	static final String SCENES = "demo/inclusive-scenes.csv";
	static final int CITIZENS = 200;
	static final int DAYS = 60;
	static final String WALKTHROUGH = "demo-citizen@example.com";
	static final long SEED = 0x14_0FF1CEL;
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private static final Logger log = LoggerFactory.getLogger(DemoInclusive.class);

	private final InstanceSettings instance;
	private final JdbcClient jdbc;
	private final PilotPlan plan;
	private final Partners partners;
	private final Scenes scenes;
	private final Citizens citizens;
	private final AccountLinks links;
	private final UserAccounts accounts;
	private final Methodologies methodologies;
	private final TripSettings tripSettings;
	private final Ledger ledger;
	private final org.peakpilot.platform.AuditLog audit;
	private final Badges badges;
	private final ForestryProjects forestry;
	private final TicketRegistry tickets;
	private final ZeroCarbonEvents events;
	private final TransactionTemplate transaction;
	private final Clock clock;
	private final String configuredPassword;

	DemoInclusive(InstanceSettings instance, JdbcClient jdbc, PilotPlan plan, Partners partners, Scenes scenes, Citizens citizens,
			AccountLinks links, UserAccounts accounts, Methodologies methodologies, TripSettings tripSettings, Ledger ledger,
			org.peakpilot.platform.AuditLog audit, Badges badges, ForestryProjects forestry, TicketRegistry tickets, ZeroCarbonEvents events,
			PlatformTransactionManager transactions, Clock clock,
			@Value("${peakpilot.demo.password:}") String configuredPassword) {
		this.instance = instance;
		this.jdbc = jdbc;
		this.plan = plan;
		this.partners = partners;
		this.scenes = scenes;
		this.citizens = citizens;
		this.links = links;
		this.accounts = accounts;
		this.methodologies = methodologies;
		this.tripSettings = tripSettings;
		this.ledger = ledger;
		this.audit = audit;
		this.badges = badges;
		this.forestry = forestry;
		this.tickets = tickets;
		this.events = events;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
		this.configuredPassword = configuredPassword == null ? "" : configuredPassword;
	}

	/** A made-up partner of the table. */
	record DemoPartner(int line, String code, String name, Partners.Kind kind, String countyCode, String username) {
	}

	/** A made-up scene of the table. */
	record DemoScene(int line, String code, String name, Scenes.Kind kind, String partnerCode, String methodologyCode, int opensMonthsAgo) {
	}

	@Override
	public void run(ApplicationArguments args) {
		if (!instance.holdsDemoData()) {
			return;
		}
		List<DemoPartner> partnerRows = partners(table(plan, PARTNERS));
		if (partnerRows.isEmpty() || jdbc.sql("SELECT count(*) FROM inclusive_partner WHERE code = :c")
			.param("c", partnerRows.get(0).code()).query(Long.class).single() > 0) {
			return;
		}
		List<DemoScene> sceneRows = scenes(table(plan, SCENES));
		// the methodologies' own start-up seeding has no order against this runner; seeding is idempotent
		methodologies.run(args);
		String password = configuredPassword.length() >= UserAccounts.MIN_PASSWORD_LENGTH ? configuredPassword : UserAccounts.randomPassword();
		String summary = SystemActor.call("demo", () -> transaction.execute(s -> load(partnerRows, sceneRows, password)));
		if (configuredPassword.length() >= UserAccounts.MIN_PASSWORD_LENGTH) {
			log.info("Loaded the demo carbon-inclusive scheme (made up): {}", summary);
		}
		else {
			log.warn("""

					============================================================
					 Loaded the demo carbon-inclusive scheme (made up): {}.
					 Its demo users ({}, the partners' users) have the password:  {}
					 This password is shown only once.
					============================================================""", summary, WALKTHROUGH, password);
		}
	}

	private String load(List<DemoPartner> partnerRows, List<DemoScene> sceneRows, String password) {
		LocalDate today = LocalDate.now(clock.withZone(BEIJING));
		Map<String, Long> partnerIds = new LinkedHashMap<>();
		for (DemoPartner p : partnerRows) {
			Partners.CreatedPartner created = at(PARTNERS + " line " + p.line(),
					() -> partners.create(new Partners.PartnerForm(p.code(), p.name(), p.kind(), p.countyCode(), p.username())));
			accounts.resetPassword(created.userId(), password);
			partnerIds.put(p.code(), created.partner().id());
		}
		List<Scenes.Scene> registered = new ArrayList<>();
		for (DemoScene s : sceneRows) {
			Long partnerId = partnerIds.get(s.partnerCode());
			if (partnerId == null) {
				throw new IllegalStateException(SCENES + " line " + s.line() + ": partner '" + s.partnerCode() + "' is not in " + PARTNERS);
			}
			registered.add(at(SCENES + " line " + s.line(), () -> scenes.register(new Scenes.SceneForm(s.code(), s.name(), s.kind(), partnerId,
					s.methodologyCode(), today.minusMonths(s.opensMonthsAgo()), null))));
		}
		long transit = partnerIds.values().stream().findFirst().orElseThrow();
		long scenic = partnerIds.size() > 1 ? List.copyOf(partnerIds.values()).get(1) : transit;

		// citizens: sign up, consent and link like anyone; a third of them are also visitors of the scenic area
		SplittableRandom random = new SplittableRandom(SEED);
		List<DemoCitizen> people = new ArrayList<>();
		for (int i = 0; i < CITIZENS; i++) {
			String login = i == 0 ? WALKTHROUGH : "citizen%03d@demo.example.com".formatted(i);
			long id = citizens.signUp(login, i == 0 ? password : UserAccounts.randomPassword(), "示例用户%03d（虚构）".formatted(i));
			String transitToken = links.grant(id, transit);
			boolean visitor = i == 0 || random.nextInt(3) == 0;
			String scenicToken = visitor ? links.grant(id, scenic) : null;
			people.add(new DemoCitizen(id, transitToken, scenicToken, random.nextInt(100) < 50, random.nextInt(4)));
		}

		// trips and check-ins, day by day, pushed as the partners would have pushed them that evening
		int credited = 0;
		int checkIns = 0;
		for (int back = DAYS; back >= 1; back--) {
			LocalDate day = today.minusDays(back);
			Clock evening = Clock.fixed(day.atTime(LocalTime.of(22, 0)).atZone(BEIJING).toInstant(), BEIJING);
			TripIntake intake = new TripIntake(jdbc, methodologies, tripSettings, ledger, links, evening);
			Scenes scenesThen = new Scenes(jdbc, methodologies, ledger, links, audit, evening);
			List<TripIntake.TripIn> transitTrips = new ArrayList<>();
			List<TripIntake.TripIn> scenicTrips = new ArrayList<>();
			List<long[]> visits = new ArrayList<>();
			boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
			for (DemoCitizen c : people) {
				SplittableRandom r = new SplittableRandom(SEED ^ (c.id() * 0x9E3779B97F4A7C15L) ^ day.toEpochDay());
				if (!weekend && c.commuter() && r.nextInt(100) < 35) {
					String mode = r.nextInt(100) < 35 ? "EBUS" : "BUS";
					transitTrips.add(trip(day, "DEMO-" + day + "-" + c.id() + "-am", c.transitToken(), mode, 7, r));
					if (r.nextInt(100) < 80) {
						transitTrips.add(trip(day, "DEMO-" + day + "-" + c.id() + "-pm", c.transitToken(), mode, 17, r));
					}
				}
				if (c.scenicToken() != null && (weekend ? r.nextInt(100) < 18 : r.nextInt(100) < 3)) {
					// the 双遗 e-bus route to the scenic area, then the area's shuttle: the shuttle has no verified factor
					// yet, so the partner's push is refused (MODE_NOT_CONFIGURED) until the office sets one
					scenicTrips.add(trip(day, "DEMO-" + day + "-" + c.id() + "-route", c.scenicToken(), "EBUS", 9, r));
					if (r.nextInt(100) < 30) {
						scenicTrips.add(trip(day, "DEMO-" + day + "-" + c.id() + "-shuttle", c.scenicToken(), "SHUTTLE", 14, r));
					}
					visits.add(new long[] { c.id(), c.scene() % registered.size() });
				}
			}
			if (!transitTrips.isEmpty()) {
				credited += credited(intake.post(transit, transitTrips));
			}
			if (!scenicTrips.isEmpty()) {
				credited += credited(intake.post(scenic, scenicTrips));
			}
			for (long[] v : visits) {
				Scenes.Scene scene = registered.get((int) v[1]);
				if (scene.openOn(day)) {
					scenesThen.checkIn(v[0], scene.qrToken());
					checkIns++;
				}
			}
		}
		// badges won by the rules, for each month of the trips (the nightly job's evaluation, run once here)
		int won = 0;
		for (DemoCitizen c : people) {
			for (LocalDate d = today.minusDays(DAYS); d.isBefore(today); d = d.plusMonths(1)) {
				won += badges.evaluate(c.id(), d.withDayOfMonth(d.lengthOfMonth()).isBefore(today) ? d.withDayOfMonth(d.lengthOfMonth()) : today).size();
			}
			won += badges.evaluate(c.id(), today).size();
		}

		// a forestry project of 沐川 (bamboo): verified, approved, tickets issued from the demo sink ledger's increments
		int year = today.getYear();
		ForestryProjects.Project project = at("demo forestry project", () -> forestry.create(new ForestryProjects.ProjectInput(
				"示例 沐川县竹林碳汇项目（虚构）", "511129", "示例 沐川县竹林专业合作社（虚构）", TicketRegistry.HolderKind.COLLECTIVE,
				LocalDate.of(year - 2, 1, 1), LocalDate.of(year - 1, 12, 31), 1, "示例方法学 竹林经营碳汇 V1（虚构）",
				List.of(new ForestryProjects.Parcel("示例林权证 0001（虚构）", new BigDecimal("3197"), ForestryProjects.Species.BAMBOO, "沐川县（示例）")),
				List.of(new ForestryProjects.YearIncrement(year - 2, new BigDecimal("1200")),
						new ForestryProjects.YearIncrement(year - 1, new BigDecimal("1300"))))));
		forestry.submit(project.id(), "示例数据（虚构）");
		forestry.verify(project.id(), new ForestryProjects.Verification("示例 林草碳汇核证机构（虚构）", "示例核证〔1〕号（虚构）", today,
				new BigDecimal("2400.5")));
		forestry.approve(project.id(), new ForestryProjects.Approval("示例 乐山市林业局（虚构）", "示例批复〔1〕号（虚构）", today));
		ForestryProjects.Project issued = at("demo forestry issuance", () -> forestry.issue(project.id()));

		// a zero-carbon event of the organiser: footprint, donated points, tickets bought from the project and retired
		String organiserCode = partnerRows.stream().filter(p -> p.kind() == Partners.Kind.EVENT_ORGANISER).map(DemoPartner::code).findFirst()
			.orElseThrow(() -> new IllegalStateException(PARTNERS + " has no EVENT_ORGANISER partner"));
		long organiser = partnerIds.get(organiserCode);
		String organiserName = partnerRows.stream().filter(p -> p.code().equals(organiserCode)).findFirst().orElseThrow().name();
		ZeroCarbonEvents.Event event = at("demo event", () -> events.create(new ZeroCarbonEvents.EventInput(organiser,
				"示例 乐山绿色发展论坛（虚构）", today.minusDays(12), today.minusDays(11), "示例 乐山会展中心（虚构）", "511102", true)));
		events.addLine(event.id(), new ZeroCarbonEvents.LineInput("ELECTRICITY", new BigDecimal("8000"), "kWh", "示例 会场用电（虚构）"));
		events.addLine(event.id(), new ZeroCarbonEvents.LineInput("TRAVEL-CAR", new BigDecimal("12000"), "pkm", "示例 参会者自驾出行（虚构）"));
		long donated = 0;
		for (DemoCitizen c : people.subList(0, 40)) {
			long balance = ledger.balance(AccountKind.CITIZEN, String.valueOf(c.id()), Asset.POINT);
			long gift = Math.min(balance, 2000);
			if (gift > 0) {
				events.donatePoints(c.id(), event.id(), gift);
				donated += gift;
			}
		}
		BigDecimal footprint = events.event(event.id()).footprint().assessedCo2T();
		long needed = footprint.subtract(BigDecimal.valueOf(donated).movePointLeft(6)).setScale(0, java.math.RoundingMode.CEILING).max(BigDecimal.ONE)
			.longValueExact();
		long holder = tickets.holder(organiserName, TicketRegistry.HolderKind.EVENT_ORGANISER, organiser);
		TicketRegistry.TicketLot lot = tickets.availableTickets(issued.ownerHolderId()).get(0);
		tickets.transfer(new TicketRegistry.TransferOrder(TicketRegistry.Selection.ofLot(lot.id(), needed), organiserName,
				TicketRegistry.HolderKind.EVENT_ORGANISER, new BigDecimal("43.00"), today.minusDays(13), "示例数据（虚构）"));
		List<String> serials = new ArrayList<>();
		for (TicketRegistry.TicketLot l : tickets.availableTickets(holder)) {
			TicketSerials.Serial first = tickets.serials().parse(l.firstSerial()).orElseThrow();
			for (long i = 0; i < l.tonnes() && serials.size() < needed; i++) {
				serials.add(tickets.serials().serial(first.countyCode(), first.periodCode(), first.seq() + i));
			}
		}
		long pooled = donated;
		at("demo event offset", () -> events.offset(event.id(), new ZeroCarbonEvents.OffsetInput(serials, pooled)));

		return ("%d partners, %d scenes, %d citizens, %d credited green trips over %d days, %d check-ins, %d badges; %d forestry carbon tickets "
				+ "issued, %d retired with %d donated points for a zero-carbon event").formatted(partnerIds.size(), registered.size(), people.size(),
						credited, DAYS, checkIns, won, 2400, serials.size(), donated);
	}

	private record DemoCitizen(long id, String transitToken, String scenicToken, boolean commuter, int scene) {
	}

	private static int credited(List<TripIntake.TripAnswer> answers) {
		return (int) answers.stream().filter(a -> a.status() == TripIntake.Status.CREDITED).count();
	}

	/** A trip of the day starting around {@code hour}: buses with stops, e-buses and shuttles with a distance. */
	private static TripIntake.TripIn trip(LocalDate day, String id, String token, String mode, int hour, SplittableRandom r) {
		OffsetDateTime start = day.atTime(hour, r.nextInt(60)).atZone(BEIJING).toOffsetDateTime();
		int minutes = 20 + r.nextInt(30);
		BigDecimal km = mode.equals("BUS") ? null : BigDecimal.valueOf(2 + r.nextInt(120) / 10.0).setScale(1, java.math.RoundingMode.HALF_UP);
		Integer stops = mode.equals("BUS") ? 3 + r.nextInt(12) : null;
		return new TripIntake.TripIn(id, token, mode, start, start.plusMinutes(minutes), km, stops);
	}

	static List<DemoPartner> partners(CsvTable table) {
		List<DemoPartner> rows = new ArrayList<>();
		for (CsvTable.Row row : table.rows()) {
			rows.add(new DemoPartner(row.line(), row.require("code"), row.require("name"), Partners.Kind.valueOf(row.require("kind")),
					row.get("county_code").isEmpty() ? null : row.get("county_code"), row.require("username")));
		}
		return rows;
	}

	static List<DemoScene> scenes(CsvTable table) {
		List<DemoScene> rows = new ArrayList<>();
		for (CsvTable.Row row : table.rows()) {
			rows.add(new DemoScene(row.line(), row.require("code"), row.require("name"), Scenes.Kind.valueOf(row.require("kind")),
					row.require("partner_code"), row.require("methodology_code"), Integer.parseInt(row.require("opens_months_ago"))));
		}
		return rows;
	}

	/** The plan folder's demo table, its {@code #} lines left out. */
	static CsvTable table(PilotPlan plan, String name) {
		return table(plan.planFile(name).map(r -> {
			try (var in = r.getInputStream()) {
				return new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}).orElse("code\n"));
	}

	static CsvTable table(String text) {
		return CsvTable.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
	}

	private static <T> T at(String where, java.util.function.Supplier<T> write) {
		try {
			return write.get();
		}
		catch (org.peakpilot.platform.InvalidInputException | org.peakpilot.platform.RuleViolationException ex) {
			throw new IllegalStateException(where + " was rejected: " + ex.getMessage(), ex);
		}
	}
}
