package org.peakpilot.admission.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.Assessment.Condition;
import org.peakpilot.admission.Assessment.ImpactBand;
import org.peakpilot.admission.Assessment.NotAssessed;
import org.peakpilot.admission.Assessment.Reason;
import org.peakpilot.admission.Assessment.Rule;
import org.peakpilot.admission.Verdict;
import org.springframework.context.MessageSource;

/**
 * The verdict's rules applied to the figures, one test at a time (BUDGET-ADMISSION §3.2, ADR 0017): each test adds a
 * reason with its effect (PASS included, so the reasons list every test assessed), a condition where it sets one, or a
 * not-assessed entry when its data is missing. The verdict is the highest effect: FAIL outranks ROUTE_UP outranks
 * CONDITIONAL outranks PASS. Texts come from messages/admission*.properties in Chinese and English. No I/O.
 */
final class Judgement {

	static final Locale ZH = Locale.SIMPLIFIED_CHINESE;
	static final Locale EN = Locale.ENGLISH;
	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private final AdmissionRules rules;
	private final MessageSource messages;
	private final List<Reason> reasons = new ArrayList<>();
	private final List<Condition> conditions = new ArrayList<>();
	private final List<NotAssessed> notAssessed = new ArrayList<>();

	Judgement(AdmissionRules rules, MessageSource messages) {
		this.rules = rules;
		this.messages = messages;
	}

	Verdict verdict() {
		return reasons.stream().map(Reason::effect).reduce(Verdict.PASS, Verdict::and);
	}

	List<Reason> reasons() {
		return List.copyOf(reasons);
	}

	List<Condition> conditions() {
		return List.copyOf(conditions);
	}

	List<NotAssessed> notAssessed() {
		return List.copyOf(notAssessed);
	}

	/** Order 31 Art. 8-9 on the energy and coal increments: NDRC, province, or below both. */
	void order31(BigDecimal tce, BigDecimal coalT) {
		if (tce.compareTo(rules.ndrcTce()) >= 0) {
			reason(Rule.ORDER31_NDRC, Verdict.ROUTE_UP, tce, rules.ndrcTce(), "tce", "admission.reason.order31.ndrc", t(tce), t(rules.ndrcTce()));
		}
		else if (tce.compareTo(rules.provinceTce()) >= 0) {
			reason(Rule.ORDER31_PROVINCE, Verdict.ROUTE_UP, tce, rules.provinceTce(), "tce", "admission.reason.order31.province-tce", t(tce),
					t(rules.provinceTce()));
		}
		else if (coalT.compareTo(rules.provinceCoalT()) >= 0) {
			reason(Rule.ORDER31_PROVINCE, Verdict.ROUTE_UP, coalT, rules.provinceCoalT(), "t", "admission.reason.order31.province-coal", t(coalT),
					t(rules.provinceCoalT()));
		}
		else {
			reason(Rule.ORDER31_PROVINCE, Verdict.PASS, tce, rules.provinceTce(), "tce", "admission.reason.order31.below", t(tce),
					t(rules.provinceTce()));
		}
	}

	/** Sichuan's carbon chapter on the new fuel and process CO2, and the monitoring duty on the annual CO2. */
	void sichuan(BigDecimal fuelAndProcessCo2T, BigDecimal co2T) {
		if (fuelAndProcessCo2T.compareTo(rules.carbonChapterCo2T()) >= 0) {
			reason(Rule.SICHUAN_CARBON_CHAPTER, Verdict.ROUTE_UP, fuelAndProcessCo2T, rules.carbonChapterCo2T(), "tCO2",
					"admission.reason.sichuan.route-up", t(fuelAndProcessCo2T), t(rules.carbonChapterCo2T()));
		}
		else {
			reason(Rule.SICHUAN_CARBON_CHAPTER, Verdict.PASS, fuelAndProcessCo2T, rules.carbonChapterCo2T(), "tCO2",
					"admission.reason.sichuan.below", t(fuelAndProcessCo2T), t(rules.carbonChapterCo2T()));
		}
		if (co2T.compareTo(rules.monitoringDutyCo2T()) >= 0) {
			reason(Rule.MONITORING_DUTY, Verdict.CONDITIONAL, co2T, rules.monitoringDutyCo2T(), "tCO2", "admission.reason.monitoring-duty",
					t(co2T), t(rules.monitoringDutyCo2T()));
			condition(Rule.MONITORING_DUTY, "admission.condition.monitoring-duty");
		}
	}

	/** The processes named against the banned list; not assessed when the list is empty and processes are named. */
	void banned(List<String> processes) {
		if (processes.isEmpty()) {
			return;
		}
		if (rules.bannedProcesses().isEmpty()) {
			notAssessed(Rule.BANNED_PROCESS, "admission.not-assessed.banned");
			return;
		}
		boolean any = false;
		for (String p : processes) {
			if (rules.bannedProcesses().contains(p)) {
				any = true;
				reason(Rule.BANNED_PROCESS, Verdict.FAIL, null, null, null, "admission.reason.banned.fail", p, rules.bannedSource());
			}
		}
		if (!any) {
			reason(Rule.BANNED_PROCESS, Verdict.PASS, null, null, null, "admission.reason.banned.pass", rules.bannedSource());
		}
	}

	/** Per-product energy against the mandatory limit (FAIL above), the baseline (CONDITIONAL above) and the benchmark. */
	void efficiency(Assessment.Efficiency e) {
		BigDecimal v = e.value();
		if (e.limit() != null && v.compareTo(e.limit()) > 0) {
			reason(Rule.MANDATORY_LIMIT, Verdict.FAIL, v, e.limit(), e.unit(), "admission.reason.efficiency.limit", n(v), n(e.limit()), e.unit(),
					e.limitStandard());
			return;
		}
		if (e.baseline() != null && v.compareTo(e.baseline()) > 0) {
			reason(Rule.EFFICIENCY_LEVEL, Verdict.CONDITIONAL, v, e.baseline(), e.unit(), "admission.reason.efficiency.baseline", n(v),
					n(e.baseline()), e.unit());
			condition(Rule.EFFICIENCY_LEVEL, "admission.condition.efficiency", n(e.baseline()), e.unit());
			return;
		}
		if (e.benchmark() != null && v.compareTo(e.benchmark()) > 0) {
			reason(Rule.EFFICIENCY_LEVEL, Verdict.PASS, v, e.benchmark(), e.unit(), "admission.reason.efficiency.between", n(v), n(e.benchmark()),
					e.unit());
		}
		else if (e.benchmark() != null) {
			reason(Rule.EFFICIENCY_LEVEL, Verdict.PASS, v, e.benchmark(), e.unit(), "admission.reason.efficiency.benchmark", n(v),
					n(e.benchmark()), e.unit());
		}
		else if (e.limit() != null) {
			reason(Rule.MANDATORY_LIMIT, Verdict.PASS, v, e.limit(), e.unit(), "admission.reason.efficiency.benchmark", n(v), n(e.limit()),
					e.unit());
		}
	}

	void efficiencyNotAssessed(String key) {
		notAssessed(Rule.EFFICIENCY_LEVEL, key);
	}

	/** The control zone's cap: FAIL above it where it applies. */
	void zoneCap(Assessment.ZoneCap z, String zoneNameZh, String zoneNameEn) {
		if (!z.applies() || z.intensity() == null) {
			return;
		}
		BigDecimal v = z.intensity().value();
		BigDecimal cap = z.cap().value();
		reason(Rule.ZONE_CAP, z.exceeds() ? Verdict.FAIL : Verdict.PASS, v, cap, "tCO2/10k CNY",
				z.exceeds() ? "admission.reason.zone-cap.fail" : "admission.reason.zone-cap.pass", n(v), n(cap),
				new Localized(zoneNameZh == null ? z.zoneCode() : zoneNameZh, zoneNameEn == null ? z.zoneCode() : zoneNameEn));
	}

	/** A 两高 project in a red county fails unless it is a major project; nothing when not 两高 or the county is not red. */
	void twoHighInRedCounty(boolean twoHigh, boolean red, boolean major) {
		if (!twoHigh || !red) {
			return;
		}
		reason(Rule.TWO_HIGH_RED_COUNTY, major ? Verdict.PASS : Verdict.FAIL, null, null, null,
				major ? "admission.reason.two-high.major" : "admission.reason.two-high.fail");
	}

	/** As {@link #notAssessed}, the second argument a message key of its own (what is missing, in each language). */
	void notAssessedLabelled(Rule rule, String key, String first, String labelKey) {
		notAssessed.add(new NotAssessed(rule, key, text(key, ZH, first, text(labelKey, ZH)), text(key, EN, first, text(labelKey, EN))));
	}

	void notAssessed(Rule rule, String key, Object... args) {
		notAssessed.add(new NotAssessed(rule, key, text(key, ZH, args), text(key, EN, args)));
	}

	/** K: FAIL above the last bound (2.0), CONDITIONAL above the third (1.2). */
	void kGrade(Assessment.KGrade k) {
		if (k.k().compareTo(rules.kFailAbove()) > 0) {
			reason(Rule.K_GRADE, Verdict.FAIL, k.k(), rules.kFailAbove(), "1", "admission.reason.k.fail", n(k.k()), n(rules.kFailAbove()), k.grade());
		}
		else if (k.k().compareTo(rules.kConditionalAbove()) > 0) {
			reason(Rule.K_GRADE, Verdict.CONDITIONAL, k.k(), rules.kConditionalAbove(), "1", "admission.reason.k.conditional", n(k.k()),
					n(rules.kConditionalAbove()), k.grade());
		}
		else {
			reason(Rule.K_GRADE, Verdict.PASS, k.k(), rules.kConditionalAbove(), "1", "admission.reason.k.pass", n(k.k()),
					n(rules.kConditionalAbove()), k.grade());
		}
	}

	/**
	 * One index (m or n, energy or CO2) in its band: DECISIVE fails unless the substitution secured covers the increment
	 * (then CONDITIONAL), LARGE and MAJOR are CONDITIONAL with a substitution source as condition, MINOR and SOME pass.
	 */
	void impact(Rule rule, BigDecimal percent, ImpactBand band, BigDecimal upper, BigDecimal increment, BigDecimal substitution, String unit) {
		String label = switch (rule) {
			case M_ENERGY -> "admission.impact.m-energy";
			case M_CO2 -> "admission.impact.m-co2";
			case N_ENERGY -> "admission.impact.n-energy";
			default -> "admission.impact.n-co2";
		};
		String what = rule == Rule.M_ENERGY || rule == Rule.N_ENERGY ? "admission.impact.energy" : "admission.impact.co2";
		String bandKey = "admission.impact.band." + band.name();
		if (band == ImpactBand.DECISIVE) {
			BigDecimal last = rule == Rule.M_ENERGY || rule == Rule.M_CO2 ? rules.mBound(ImpactBand.MAJOR) : rules.nBound(ImpactBand.MAJOR);
			boolean covered = substitution != null && increment.signum() > 0 && substitution.compareTo(increment) >= 0;
			reasonLabelled(rule, covered ? Verdict.CONDITIONAL : Verdict.FAIL, percent, last, "%",
					covered ? "admission.reason.impact.decisive-offset" : "admission.reason.impact.decisive", label, n(percent), n(last), bandKey);
			if (covered) {
				conditionLabelled(rule, "admission.condition.substitution", what, t(increment), unit);
			}
			return;
		}
		boolean conditional = band == ImpactBand.LARGE || band == ImpactBand.MAJOR;
		reasonLabelled(rule, conditional ? Verdict.CONDITIONAL : Verdict.PASS, percent, upper, "%",
				conditional ? "admission.reason.impact.conditional" : "admission.reason.impact.pass", label, n(percent), n(upper), bandKey);
		if (conditional) {
			conditionLabelled(rule, "admission.condition.substitution", what, t(increment), unit);
		}
	}

	/** u: FAIL above headroom + reserve, CONDITIONAL when it draws the reserve, else PASS. */
	void budget(Assessment.BudgetShare b) {
		BigDecimal annual = b.annualCo2T().value();
		if (b.exceeds()) {
			BigDecimal room = b.headroomT().value().max(BigDecimal.ZERO).add(b.reserveAvailableT().value());
			reason(Rule.BUDGET_SHARE, Verdict.FAIL, annual, room, "tCO2", "admission.reason.budget.fail", t(annual), t(room));
		}
		else if (b.drawsReserve()) {
			BigDecimal headroom = b.headroomT().value();
			reason(Rule.BUDGET_SHARE, Verdict.CONDITIONAL, annual, headroom, "tCO2", "admission.reason.budget.reserve", t(annual), t(headroom));
			condition(Rule.BUDGET_SHARE, "admission.condition.reserve-draw", t(annual.subtract(headroom.max(BigDecimal.ZERO))));
		}
		else {
			BigDecimal headroom = b.headroomT().value();
			reason(Rule.BUDGET_SHARE, Verdict.PASS, annual, headroom, "tCO2", "admission.reason.budget.pass", t(annual), t(headroom),
					b.u() == null ? "0" : n(b.u().multiply(HUNDRED)));
		}
	}

	/** Where a CO2 test made the project conditional (K, budget), the green-power share is a condition. */
	void greenPowerCondition(BigDecimal share) {
		boolean co2Conditional = reasons.stream().anyMatch(r -> r.effect() == Verdict.CONDITIONAL
				&& (r.rule() == Rule.K_GRADE || r.rule() == Rule.BUDGET_SHARE));
		if (co2Conditional) {
			condition(Rule.GREEN_POWER, "admission.condition.green-power", share == null ? "0" : n(share.multiply(HUNDRED)));
		}
	}

	private void reason(Rule rule, Verdict effect, BigDecimal figure, BigDecimal threshold, String unit, String key, Object... args) {
		reasons.add(new Reason(rule, effect, figure, threshold, unit, key, text(key, ZH, args), text(key, EN, args)));
	}

	/** A reason whose first argument and last argument are message keys themselves (the index's name and its band). */
	private void reasonLabelled(Rule rule, Verdict effect, BigDecimal figure, BigDecimal threshold, String unit, String key, String labelKey,
			String a1, String a2, String bandKey) {
		reasons.add(new Reason(rule, effect, figure, threshold, unit, key,
				text(key, ZH, text(labelKey, ZH), a1, a2, text(bandKey, ZH)), text(key, EN, text(labelKey, EN), a1, a2, text(bandKey, EN))));
	}

	private void condition(Rule rule, String key, Object... args) {
		if (conditions.stream().anyMatch(c -> c.messageKey().equals(key) && c.rule() == rule)) {
			return;
		}
		conditions.add(new Condition(rule, key, text(key, ZH, args), text(key, EN, args)));
	}

	private void conditionLabelled(Rule rule, String key, String whatKey, String amount, String unit) {
		conditions.add(new Condition(rule, key, text(key, ZH, text(whatKey, ZH), amount, unit), text(key, EN, text(whatKey, EN), amount, unit)));
	}

	private String text(String key, Locale locale, Object... args) {
		Object[] resolved = args == null ? null
				: java.util.Arrays.stream(args).map(a -> a instanceof Localized l ? (ZH.equals(locale) ? l.zh() : l.en()) : a).toArray();
		return messages.getMessage(key, resolved, key, locale);
	}

	/** A text argument with a Chinese and an English form (a control zone's name), each reason text taking its own. */
	record Localized(String zh, String en) {
	}

	/** Tonnes (or tce) as the texts show them: 2 decimals at most, no grouping. */
	static String t(BigDecimal v) {
		return plain(v.setScale(2, RoundingMode.HALF_UP));
	}

	/** Ratios and intensities as the texts show them: 4 decimals at most. */
	static String n(BigDecimal v) {
		return plain(v.setScale(4, RoundingMode.HALF_UP));
	}

	private static String plain(BigDecimal v) {
		BigDecimal r = v.stripTrailingZeros();
		return (r.scale() < 0 ? r.setScale(0) : r).toPlainString();
	}
}
