package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.media.Schema;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.PurchasedElectricity;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.AuditLog;
import org.peakpilot.platform.InputBounds;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.peakpilot.shared.Rounding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Green-power shares (绿电占比) per enterprise and industry against the office's targets: share = claimed green MWh
 * (declared GECs, {@link GreenClaims}) ÷ purchased MWh of the year's verified reports (accounting). A figure on
 * incomplete data (no verified report, or fewer than 12 verified months) is shown as provisional and never earns
 * "target met"; an industry's figure is complete only when each of its enterprises' is. Enterprises listed: key
 * energy-using units and every enterprise of an industry with a target, within the caller's scope; polysilicon and
 * photovoltaic industries first.
 */
@Component
public class GreenShares {

	private static final Logger log = LoggerFactory.getLogger(GreenShares.class);
	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
	static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);
	static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
	/** The first and last year a share or target may name. */
	public static final int YEAR_MIN = 2000;
	public static final int YEAR_MAX = 2100;
	/** A target note's longest text. */
	public static final int NOTE_MAX = 500;
	/** The sectors shown first (the plan's focus: 晶硅光伏). */
	static final List<String> FIRST_SECTORS = List.of("polysilicon", "photovoltaics");

	/** Where a share stands. */
	public enum ShareStatus {
		/** No verified report with purchased electricity in the year: no figure. */
		NO_DATA,
		/** Months missing (fewer than 12 verified): a figure, provisional, no target status. */
		PROVISIONAL,
		/** Complete, but the office set no target for the industry and year. */
		NO_TARGET,
		/** Complete and at least the target. */
		MET,
		/** Complete and below the target. */
		NOT_MET;

		/** The page's status pill (the plan's colours: met as achieved, not met as off track). */
		public String css() {
			return switch (this) {
				case NO_DATA -> "status-NO_DATA";
				case PROVISIONAL -> "status-PROVISIONAL";
				case NO_TARGET -> "status-TARGET_MISSING";
				case MET -> "status-ACHIEVED";
				case NOT_MET -> "status-OFF_TRACK";
			};
		}
	}

	/** The office's target of an industry and year, %, with who set it and when. */
	@Schema(name = "GreenPowerShareTarget", description = "The office's green-power share target of an industry and year · 行业年度绿电占比目标")
	public record Target(
			@Schema(description = "Industry (GB/T 4754) · 行业代码", example = "3985") String industryCode,
			@Schema(description = "The year · 年度", example = "2025") int year,
			@Schema(description = "Target share of purchased electricity, % (0–100) · 目标占比（%）", example = "30") BigDecimal targetPct,
			@Schema(description = "The office's note, at most 500 characters · 备注") String note,
			@Schema(description = "Who set it · 设定人") String setBy,
			@Schema(description = "When it was set · 设定时间") Instant setAt) {
	}

	/**
	 * An enterprise's share of a year: purchased and claimed MWh, the share in % (null without purchased electricity),
	 * its industry's target and the status; {@code reportedGreenMwh} is the green electricity the reports themselves
	 * state (a cross-check: claims enter accounting as certified green), null when none is stated.
	 */
	@Schema(name = "EnterpriseGreenPowerShare", description = "An enterprise's green-power share of a year · 企业年度绿电占比")
	public record EnterpriseShare(
			@Schema(description = "The enterprise's id · 企业编号", example = "7") long enterpriseId,
			@Schema(description = "The enterprise's name · 企业名称") String name,
			@Schema(description = "County (GB/T 2260) · 区县代码", example = "511112") String countyCode,
			@Schema(description = "Industry (GB/T 4754) · 行业代码", example = "3985") String industryCode,
			@Schema(description = "The industry's name, Chinese · 行业名称") String industryName,
			@Schema(description = "The plan's sector of the industry (polysilicon, photovoltaics, …) · 所属重点行业", example = "polysilicon") String sector,
			@Schema(description = "The year · 年度", example = "2025") int year,
			@Schema(description = "Months of the year with a verified report, 0–12; below 12 the figure is provisional · 已核查月份数", example = "12") int verifiedMonths,
			@Schema(description = "Purchased electricity of the verified reports, MWh · 外购电量（MWh）", example = "1100000") BigDecimal purchasedMwh,
			@Schema(description = "Claimed green electricity (declared GECs), MWh · 已声明绿电（MWh）", example = "330000") BigDecimal claimedMwh,
			@Schema(description = "Certified green electricity the reports state, MWh (cross-check); absent when none · 报告填报的绿电（MWh）") BigDecimal reportedGreenMwh,
			@Schema(description = "claimed ÷ purchased, %; absent without purchased electricity · 绿电占比（%）", example = "30") BigDecimal sharePct,
			@Schema(description = "The industry's target for the year, %; absent without one · 目标（%）", example = "25") BigDecimal targetPct,
			@Schema(description = "NO_DATA, PROVISIONAL (months missing: never met), NO_TARGET, MET, NOT_MET · 状态") ShareStatus status) {

		public boolean complete() {
			return verifiedMonths >= 12;
		}
	}

	/** An industry's share of a year over its enterprises in the caller's scope. */
	@Schema(name = "IndustryGreenPowerShare", description = "An industry's green-power share of a year over its listed enterprises · 行业年度绿电占比")
	public record IndustryShare(
			@Schema(description = "Industry (GB/T 4754) · 行业代码", example = "3985") String industryCode,
			@Schema(description = "The industry's name, Chinese · 行业名称") String industryName,
			@Schema(description = "The plan's sector · 所属重点行业", example = "polysilicon") String sector,
			@Schema(description = "The year · 年度", example = "2025") int year,
			@Schema(description = "Enterprises counted · 企业数", example = "2") int enterprises,
			@Schema(description = "Of them, with 12 verified months · 其中全年已核查的企业数", example = "2") int completeEnterprises,
			@Schema(description = "Σ purchased electricity, MWh · 外购电量合计（MWh）") BigDecimal purchasedMwh,
			@Schema(description = "Σ claimed green electricity, MWh · 已声明绿电合计（MWh）") BigDecimal claimedMwh,
			@Schema(description = "Σ claimed ÷ Σ purchased, %; absent without purchased electricity · 绿电占比（%）") BigDecimal sharePct,
			@Schema(description = "The industry's target for the year, % · 目标（%）") BigDecimal targetPct,
			@Schema(description = "NO_DATA, PROVISIONAL (an enterprise incomplete: never met), NO_TARGET, MET, NOT_MET · 状态") ShareStatus status) {
	}

	/** A year's shares: the enterprises and their industries, and the targets set for the year. */
	@Schema(name = "GreenPowerShares", description = "A year's green-power shares within the caller's scope · 年度绿电占比（按权限范围）")
	public record YearShares(
			@Schema(description = "The year · 年度", example = "2025") int year,
			@Schema(description = "Key energy-using units and enterprises of industries with a target, polysilicon first · 企业") List<EnterpriseShare> enterprises,
			@Schema(description = "Their industries · 行业") List<IndustryShare> industries,
			@Schema(description = "The targets set for the year · 年度目标") List<Target> targets) {
	}

	private final JdbcClient jdbc;
	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final GreenClaims claims;
	private final AuditLog audit;
	private final Clock clock;

	GreenShares(JdbcClient jdbc, Registry registry, EmissionsAccounting accounting, GreenClaims claims, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.registry = registry;
		this.accounting = accounting;
		this.claims = claims;
		this.audit = audit;
		this.clock = clock;
	}

	/** The current Beijing year. */
	public int currentYear() {
		return clock.instant().atZone(BEIJING).getYear();
	}

	/** A year as a parameter names it, checked. */
	public static int checkedYear(Integer year, String field) {
		if (year == null || year < YEAR_MIN || year > YEAR_MAX) {
			throw new InvalidInputException(field, "a year between " + YEAR_MIN + " and " + YEAR_MAX + " is required");
		}
		return year;
	}

	/**
	 * The status a share earns: no figure without purchased electricity; provisional while months are missing (so
	 * never "met" on incomplete data); then met, not met, or no target.
	 */
	public static ShareStatus status(int verifiedMonths, BigDecimal purchasedMwh, BigDecimal sharePct, BigDecimal targetPct) {
		if (verifiedMonths <= 0 || purchasedMwh == null || purchasedMwh.signum() <= 0 || sharePct == null) {
			return ShareStatus.NO_DATA;
		}
		if (verifiedMonths < 12) {
			return ShareStatus.PROVISIONAL;
		}
		if (targetPct == null) {
			return ShareStatus.NO_TARGET;
		}
		return sharePct.compareTo(targetPct) >= 0 ? ShareStatus.MET : ShareStatus.NOT_MET;
	}

	/** claimed ÷ purchased in %, stored precision; null without purchased electricity. */
	public static BigDecimal sharePct(BigDecimal claimedMwh, BigDecimal purchasedMwh) {
		if (purchasedMwh == null || purchasedMwh.signum() <= 0) {
			return null;
		}
		return Rounding.stored(claimedMwh.multiply(HUNDRED).divide(purchasedMwh, Rounding.WORKING));
	}

	/** The year's shares within the caller's scope. */
	public YearShares year(int year) {
		Map<String, Target> targets = targets(year).stream().collect(Collectors.toMap(Target::industryCode, t -> t, (a, b) -> a, LinkedHashMap::new));
		Map<String, RegistryModel.Industry> industries = registry.industries().stream()
			.collect(Collectors.toMap(RegistryModel.Industry::code, i -> i, (a, b) -> a));
		List<RegistryModel.Enterprise> listed = registry.enterprises(RegistryModel.EnterpriseQuery.ALL).stream()
			.filter(e -> e.keyEnergyUnit() || targets.containsKey(e.industryCode()))
			.sorted(Comparator.comparing((RegistryModel.Enterprise e) -> sectorRank(industries.get(e.industryCode())))
				.thenComparing(RegistryModel.Enterprise::industryCode).thenComparing(RegistryModel.Enterprise::name))
			.toList();
		List<EnterpriseShare> shares = new ArrayList<>();
		for (RegistryModel.Enterprise e : listed) {
			shares.add(share(e, year, industries.get(e.industryCode()), targets.get(e.industryCode())));
		}
		Map<String, List<EnterpriseShare>> byIndustry = shares.stream()
			.collect(Collectors.groupingBy(EnterpriseShare::industryCode, LinkedHashMap::new, Collectors.toList()));
		List<IndustryShare> rows = new ArrayList<>();
		byIndustry.forEach((code, list) -> rows.add(industry(code, year, industries.get(code), targets.get(code), list)));
		return new YearShares(year, shares, rows, List.copyOf(targets.values()));
	}

	/** The key energy-using units' shares of a year within the caller's scope (indicator 12's evidence). */
	public List<EnterpriseShare> keyEnterprises(int year) {
		Map<String, RegistryModel.Industry> industries = registry.industries().stream()
			.collect(Collectors.toMap(RegistryModel.Industry::code, i -> i, (a, b) -> a));
		return registry.enterprises(new RegistryModel.EnterpriseQuery(null, null, null, null, true)).stream()
			.map(e -> share(e, year, industries.get(e.industryCode()), null)).toList();
	}

	/** One enterprise's share of a year; not found outside the caller's scope. */
	public EnterpriseShare enterprise(long enterpriseId, int year) {
		RegistryModel.Enterprise e = registry.enterprise(enterpriseId);
		RegistryModel.Industry industry = registry.industries().stream().filter(i -> i.code().equals(e.industryCode())).findFirst().orElse(null);
		return share(e, year, industry, target(e.industryCode(), year).orElse(null));
	}

	EnterpriseShare share(RegistryModel.Enterprise e, int year, RegistryModel.Industry industry, Target target) {
		PurchasedElectricity p = accounting.purchasedElectricity(e.id(), year);
		BigDecimal purchased = Rounding.stored(p.purchasedKwh().divide(THOUSAND, Rounding.WORKING));
		BigDecimal claimed = Rounding.stored(claims.claimedMwh(e.id(), year));
		BigDecimal reported = p.greenKwh() == null ? null : Rounding.stored(p.greenKwh().divide(THOUSAND, Rounding.WORKING));
		BigDecimal share = sharePct(claimed, purchased);
		BigDecimal targetPct = target == null ? null : target.targetPct();
		return new EnterpriseShare(e.id(), e.name(), e.countyCode(), e.industryCode(), industry == null ? e.industryName() : industry.nameZh(),
				industry == null ? null : industry.sector(), year, p.verifiedMonths(), purchased, claimed, reported, share, targetPct,
				status(p.verifiedMonths(), purchased, share, targetPct));
	}

	/**
	 * An industry's figure: Σ claimed ÷ Σ purchased over its listed enterprises; complete only when every one of them
	 * is complete (otherwise provisional, or no data when none has purchased electricity).
	 */
	static IndustryShare industry(String code, int year, RegistryModel.Industry industry, Target target, List<EnterpriseShare> list) {
		BigDecimal purchased = list.stream().map(EnterpriseShare::purchasedMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal claimed = list.stream().map(EnterpriseShare::claimedMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
		int complete = (int) list.stream().filter(s -> s.complete() && s.purchasedMwh().signum() > 0).count();
		BigDecimal share = sharePct(claimed, purchased);
		BigDecimal targetPct = target == null ? null : target.targetPct();
		int months = complete == list.size() ? 12 : (purchased.signum() > 0 ? 1 : 0);
		return new IndustryShare(code, industry == null ? code : industry.nameZh(), industry == null ? null : industry.sector(), year,
				list.size(), complete, Rounding.stored(purchased), Rounding.stored(claimed), share, targetPct,
				status(months, purchased, share, targetPct));
	}

	static int sectorRank(RegistryModel.Industry industry) {
		int i = industry == null ? -1 : FIRST_SECTORS.indexOf(industry.sector());
		return i < 0 ? FIRST_SECTORS.size() : i;
	}

	/** The targets set for a year, by industry code. Readable by every staff user. */
	public List<Target> targets(int year) {
		return jdbc.sql("SELECT industry_code, year, target_pct, note, set_by, set_at FROM power_share_target WHERE year = :y ORDER BY industry_code")
			.param("y", year).query((rs, n) -> new Target(rs.getString(1), rs.getInt(2), rs.getBigDecimal(3), rs.getString(4),
					rs.getString(5), rs.getTimestamp(6).toInstant()))
			.list();
	}

	public Optional<Target> target(String industryCode, int year) {
		return targets(year).stream().filter(t -> t.industryCode().equals(industryCode)).findFirst();
	}

	/**
	 * Sets (or changes) an industry's target for a year, % of purchased electricity (0–100, at most 2 decimals): the
	 * city's roles only; audited with the previous value.
	 */
	@Transactional
	public Target setTarget(String industryCode, Integer year, BigDecimal targetPct, String note) {
		AccessScope scope = AccessScope.current();
		if (!scope.isCityWide()) {
			throw new AccessDeniedException(scope.actor() + ": only the city's office sets green-power share targets");
		}
		List<InputError> errors = new ArrayList<>();
		Set<String> codes = registry.industries().stream().map(RegistryModel.Industry::code).collect(Collectors.toSet());
		if (industryCode == null || !codes.contains(industryCode)) {
			errors.add(InputError.field("industryCode", "an industry code of the registry (GB/T 4754) is required"));
		}
		if (year == null || year < YEAR_MIN || year > YEAR_MAX) {
			errors.add(InputError.field("year", "a year between " + YEAR_MIN + " and " + YEAR_MAX + " is required"));
		}
		if (targetPct == null) {
			errors.add(InputError.field("targetPct", "a target in % (0–100) is required"));
		}
		else if (InputBounds.range(errors, "targetPct", targetPct, BigDecimal.ZERO, HUNDRED) && targetPct.stripTrailingZeros().scale() > 2) {
			errors.add(InputError.field("targetPct", "at most 2 decimals"));
		}
		String text = note == null || note.isBlank() ? null : note.strip();
		InputBounds.length(errors, "note", text, NOTE_MAX);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		Target before = target(industryCode, year).orElse(null);
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), BEIJING);
		jdbc.sql("""
				INSERT INTO power_share_target (industry_code, year, target_pct, note, set_by, set_at) VALUES (:i, :y, :p, :n, :by, :at)
				ON CONFLICT (industry_code, year) DO UPDATE SET target_pct = excluded.target_pct, note = excluded.note,
				  set_by = excluded.set_by, set_at = excluded.set_at""")
			.param("i", industryCode).param("y", year).param("p", targetPct.setScale(2, RoundingMode.UNNECESSARY)).param("n", text)
			.param("by", scope.actor()).param("at", now).update();
		Target after = target(industryCode, year).orElseThrow();
		audit.record("power.share-target.set", "power_share_target", industryCode + "/" + year, before, after);
		log.info("Green-power share target of industry {} for {} set to {} % by {}", industryCode, year, targetPct.toPlainString(), scope.actor());
		return after;
	}
}
