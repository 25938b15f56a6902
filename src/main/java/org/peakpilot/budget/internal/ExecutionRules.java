package org.peakpilot.budget.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.budget.WarningLevel;
import org.peakpilot.shared.Rounding;

/**
 * The arithmetic of a holder's execution (ADR 0016, amendment "execution and warnings"), pure: no Spring, no I/O.
 * <ul>
 * <li>An enterprise's month is its verified report (VERIFIED or LOCKED), else its submitted report (REPORTED), else
 * its metered estimate (ESTIMATE), else MISSING. A holder's month is the sum of its enterprises' known figures; its
 * source is the weakest of them (MISSING where any enterprise is missing).</li>
 * <li>Seasonal path: weights w_m are the holder's previous-year monthly emissions when all 12 months are known for
 * every enterprise (and their sum is above 0), else the days of each month; the path to the end of month k is
 * {@code B × Σ_{m≤k} w_m ÷ Σ w} (so the 12 months add up to B exactly), a month's path the difference.</li>
 * <li>Forecast {@code = used × Σ w ÷ Σ_{m≤n} w_m}: used so far plus the remaining path scaled by used ÷ path to
 * date, which is the same figure.</li>
 * <li>Intensity: over the enterprise-months of the closed months reported (VERIFIED or REPORTED) with an output value
 * above 0 both this year and last year, Σ tCO2 ÷ Σ output value for each year; decline {@code 1 − I ÷ I_prev}.</li>
 * <li>Levels: see {@link #level}; a national-ETS enterprise without a budget of its own is MONITORED_ONLY. With data missing, used is a lower bound: it may prove YELLOW, AMBER or RED, never
 * GREEN (INCOMPLETE instead). A county's figure is always such a lower bound: its budget covers the whole territory,
 * its enterprises are only part of it (INCOMPLETE, reason ENTERPRISES_ONLY, where it would be GREEN).</li>
 * </ul>
 */
final class ExecutionRules {

	private ExecutionRules() {
	}

	/** Where a month's figure comes from, strongest first. */
	enum Source {
		VERIFIED, REPORTED, ESTIMATE, MISSING
	}

	/** How the seasonal path is shaped. */
	enum PathBasis {
		PREVIOUS_YEAR, DAYS
	}

	/** An enterprise's month: its source, tCO2 (null when missing) and output value in 10k CNY (reports only). */
	record Figure(Source source, BigDecimal co2, BigDecimal outputValue) {
		static final Figure MISSING = new Figure(Source.MISSING, null, null);
	}

	/** The warning thresholds (fractions of 1) from {@link BudgetSettings}. */
	record Thresholds(BigDecimal regionYellowGap, BigDecimal regionRedGap, boolean redWhenIntensityRises, BigDecimal amberUse,
			BigDecimal redUse) {
		static Thresholds of(BudgetSettings s) {
			return new Thresholds(s.regionYellowGap(), s.regionRedGap(), s.redWhenIntensityRises(), s.enterpriseAmberUse(), s.enterpriseRedUse());
		}
	}

	/**
	 * What a holder's execution is computed from: its budget, its enterprises' months this year and last (arrays
	 * indexed 1–12), the closed months, the days of each month of the year, the required decline.
	 */
	/**
	 * One holder's figures. {@code partOfTerritory}: the enterprises measure only part of what the budget covers (a
	 * county's budget, from GDP × intensity, also covers households, transport and firms outside the registry), so
	 * their sum is a lower bound of the holder's emissions even when every enterprise-month is known.
	 */
	record Input(boolean enterprise, BigDecimal budget, List<Figure[]> thisYear, List<Figure[]> previousYear, int closedMonths,
			int[] monthDays, BigDecimal requiredDecline, boolean monitoredOnly, boolean partOfTerritory) {

		Input(boolean enterprise, BigDecimal budget, List<Figure[]> thisYear, List<Figure[]> previousYear, int closedMonths, int[] monthDays,
				BigDecimal requiredDecline, boolean monitoredOnly) {
			this(enterprise, budget, thisYear, previousYear, closedMonths, monthDays, requiredDecline, monitoredOnly, false);
		}

		Input(boolean enterprise, BigDecimal budget, List<Figure[]> thisYear, List<Figure[]> previousYear, int closedMonths, int[] monthDays,
				BigDecimal requiredDecline) {
			this(enterprise, budget, thisYear, previousYear, closedMonths, monthDays, requiredDecline, false, false);
		}
	}

	record Month(int month, BigDecimal used, Source source, int verified, int reported, int estimate, int missing, BigDecimal path,
			BigDecimal cumulativeUsed, BigDecimal cumulativePath) {
	}

	record Result(List<Month> months, int closedMonths, int enterprises, BigDecimal used, BigDecimal pathToDate, BigDecimal forecast,
			PathBasis basis, boolean complete, int verified, int reported, int estimate, int missing, BigDecimal intensity,
			BigDecimal intensityPrevious, int intensityPairs, BigDecimal intensityDecline, BigDecimal requiredDecline, WarningLevel level,
			String reasonCode, String reason) {
	}

	static Result compute(Input in, Thresholds t) {
		int n = in.closedMonths();
		int enterprises = in.thisYear().size();
		// the previous year's shape, when every enterprise has every month
		BigDecimal[] weights = new BigDecimal[13];
		PathBasis basis = PathBasis.DAYS;
		if (enterprises > 0 && in.previousYear().size() == enterprises) {
			BigDecimal sum = BigDecimal.ZERO;
			boolean known = true;
			for (int m = 1; m <= 12 && known; m++) {
				BigDecimal v = BigDecimal.ZERO;
				for (Figure[] e : in.previousYear()) {
					Figure f = e[m];
					if (f.source() == Source.MISSING) {
						known = false;
						break;
					}
					v = v.add(f.co2());
				}
				weights[m] = v;
				known &= v.signum() >= 0;
				sum = sum.add(v);
			}
			if (known && sum.signum() > 0) {
				basis = PathBasis.PREVIOUS_YEAR;
			}
		}
		if (basis == PathBasis.DAYS) {
			for (int m = 1; m <= 12; m++) {
				weights[m] = BigDecimal.valueOf(in.monthDays()[m]);
			}
		}
		BigDecimal totalWeight = BigDecimal.ZERO;
		for (int m = 1; m <= 12; m++) {
			totalWeight = totalWeight.add(weights[m]);
		}

		List<Month> months = new ArrayList<>(12);
		BigDecimal cumWeight = BigDecimal.ZERO;
		BigDecimal cumWeightToDate = BigDecimal.ZERO;
		BigDecimal previousCumPath = BigDecimal.ZERO;
		BigDecimal cumUsed = BigDecimal.ZERO;
		int verified = 0, reported = 0, estimate = 0, missing = 0;
		boolean anyKnown = false;
		BigDecimal pathToDate = n == 0 ? BigDecimal.ZERO : null;
		for (int m = 1; m <= 12; m++) {
			cumWeight = cumWeight.add(weights[m]);
			BigDecimal cumPath = Rounding.stored(in.budget().multiply(cumWeight).divide(totalWeight, Rounding.WORKING));
			BigDecimal path = cumPath.subtract(previousCumPath);
			previousCumPath = cumPath;
			if (m > n) {
				months.add(new Month(m, null, null, 0, 0, 0, 0, path, null, cumPath));
				continue;
			}
			cumWeightToDate = cumWeight;
			pathToDate = cumPath;
			int v = 0, r = 0, es = 0, mi = 0;
			BigDecimal used = BigDecimal.ZERO;
			for (Figure[] e : in.thisYear()) {
				Figure f = e[m];
				switch (f.source()) {
					case VERIFIED -> v++;
					case REPORTED -> r++;
					case ESTIMATE -> es++;
					case MISSING -> mi++;
				}
				if (f.source() != Source.MISSING) {
					used = used.add(f.co2());
				}
			}
			Source source = enterprises == 0 || mi > 0 ? Source.MISSING : es > 0 ? Source.ESTIMATE : r > 0 ? Source.REPORTED : Source.VERIFIED;
			boolean known = v + r + es > 0;
			anyKnown |= known;
			cumUsed = cumUsed.add(used);
			verified += v;
			reported += r;
			estimate += es;
			missing += mi;
			months.add(new Month(m, known ? Rounding.stored(used) : null, source, v, r, es, mi, path, Rounding.stored(cumUsed), cumPath));
		}
		boolean complete = enterprises > 0 && n > 0 && missing == 0;
		BigDecimal used = n == 0 || !anyKnown ? null : Rounding.stored(cumUsed);
		BigDecimal forecast = used == null || cumWeightToDate.signum() == 0 ? null
				: Rounding.stored(cumUsed.multiply(totalWeight).divide(cumWeightToDate, Rounding.WORKING));

		// intensity, like for like
		BigDecimal co2Now = BigDecimal.ZERO, ovNow = BigDecimal.ZERO, co2Prev = BigDecimal.ZERO, ovPrev = BigDecimal.ZERO;
		int pairs = 0;
		if (in.previousYear().size() == enterprises) {
			for (int i = 0; i < enterprises; i++) {
				for (int m = 1; m <= n; m++) {
					Figure a = in.thisYear().get(i)[m];
					Figure b = in.previousYear().get(i)[m];
					if (reportedWithOutput(a) && reportedWithOutput(b)) {
						pairs++;
						co2Now = co2Now.add(a.co2());
						ovNow = ovNow.add(a.outputValue());
						co2Prev = co2Prev.add(b.co2());
						ovPrev = ovPrev.add(b.outputValue());
					}
				}
			}
		}
		BigDecimal intensity = pairs == 0 ? null : Rounding.stored(co2Now.divide(ovNow, Rounding.WORKING));
		BigDecimal intensityPrev = pairs == 0 ? null : Rounding.stored(co2Prev.divide(ovPrev, Rounding.WORKING));
		BigDecimal decline = pairs == 0 || co2Prev.signum() == 0 ? null
				: Rounding.stored(BigDecimal.ONE.subtract(co2Now.multiply(ovPrev).divide(co2Prev.multiply(ovNow), Rounding.WORKING)));
		// I > I_prev, exactly: co2Now × ovPrev > co2Prev × ovNow
		boolean intensityUp = pairs > 0 && co2Now.multiply(ovPrev).compareTo(co2Prev.multiply(ovNow)) > 0;

		Judgement j = in.monitoredOnly()
				? new Judgement(WarningLevel.MONITORED_ONLY, "NATIONAL_ETS", "in the national carbon market: monitored, no budget of its own"
						+ (used == null ? "" : "; used " + used.toPlainString() + " t" + (complete ? "" : " (at least)")))
				: level(in.enterprise(), in.budget(), n, enterprises, anyKnown, complete, in.partOfTerritory(), cumUsed, pathToDate, intensityUp, t);
		String coverage = n == 0 ? "no month of the year is over yet"
				: n + " of 12 months, " + enterprises + " enterprise" + (enterprises == 1 ? "" : "s") + ": " + verified + " verified, " + reported
						+ " reported, " + estimate + " estimated, " + missing + " missing enterprise-months";
		String intensityText = pairs == 0 ? "" : "; intensity " + intensity.toPlainString() + " against " + intensityPrev.toPlainString()
				+ " tCO2/10k CNY last year over " + pairs + " enterprise-months" + (decline == null ? "" : " (decline " + percent(decline)
						+ (in.requiredDecline() == null ? "" : ", required " + percent(in.requiredDecline())) + ")");
		return new Result(months, n, enterprises, used, pathToDate, forecast, basis, complete, verified, reported, estimate, missing, intensity,
				intensityPrev, pairs, decline, in.requiredDecline(), j.level(), j.code(), j.text() + "; " + coverage + intensityText);
	}

	private static boolean reportedWithOutput(Figure f) {
		return (f.source() == Source.VERIFIED || f.source() == Source.REPORTED) && f.outputValue() != null && f.outputValue().signum() > 0;
	}

	record Judgement(WarningLevel level, String code, String text) {
	}

	/**
	 * The level. County and park: over = used − path to date; intensity up (where the settings say so) is RED; over at
	 * most yellow-gap × path GREEN, at most red-gap × path YELLOW, beyond RED. Enterprise: used above the budget RED;
	 * ahead of the path (used > path) and used ≥ red-use × budget RED, ≥ amber-use × budget AMBER; else GREEN. With
	 * data missing, used is a lower bound: GREEN becomes INCOMPLETE, a proven YELLOW/AMBER/RED stays. Nothing closed,
	 * no enterprise or no figure at all: NO_DATA.
	 */
	static Judgement level(boolean enterprise, BigDecimal budget, int n, int enterprises, boolean anyKnown, boolean complete,
			boolean partOfTerritory, BigDecimal used, BigDecimal path, boolean intensityUp, Thresholds t) {
		if (n == 0) {
			return new Judgement(WarningLevel.NO_DATA, "NO_CLOSED_MONTH", "no month of the year is over yet");
		}
		if (enterprises == 0) {
			return new Judgement(WarningLevel.NO_DATA, "NO_ENTERPRISE", "the registry holds no enterprise of this holder");
		}
		if (!anyKnown) {
			return new Judgement(WarningLevel.NO_DATA, "NO_FIGURE", "no verified, reported or metered figure for any closed month");
		}
		String figures = "used " + used.toPlainString() + " t" + (complete ? "" : " (at least)") + " against a path of " + path.toPlainString()
				+ " t to the end of month " + n;
		String gap = path.signum() == 0 ? "" : " (" + signed(percent(used.subtract(path).divide(path, Rounding.WORKING))) + " of the path)";
		if (enterprise) {
			String use = budget.signum() == 0 ? "budget 0 t" : percent(used.divide(budget, Rounding.WORKING)) + " of the budget of "
					+ budget.toPlainString() + " t";
			if (used.compareTo(budget) > 0) {
				return new Judgement(WarningLevel.RED, "BUDGET_EXCEEDED", figures + gap + ", " + use + ": the budget is exceeded");
			}
			boolean ahead = used.compareTo(path) > 0;
			if (ahead && used.compareTo(budget.multiply(t.redUse())) >= 0) {
				return new Judgement(WarningLevel.RED, "USE_RED", figures + gap + ", " + use + ": at least " + percent(t.redUse())
						+ " used ahead of the path");
			}
			if (ahead && used.compareTo(budget.multiply(t.amberUse())) >= 0) {
				return new Judgement(WarningLevel.AMBER, "USE_AMBER", figures + gap + ", " + use + ": at least " + percent(t.amberUse())
						+ " used ahead of the path");
			}
			return complete ? new Judgement(WarningLevel.GREEN, "ON_TRACK", figures + gap + ", " + use)
					: new Judgement(WarningLevel.INCOMPLETE, "INCOMPLETE", figures + gap + ", " + use + ": data missing, no level proven");
		}
		if (intensityUp && t.redWhenIntensityRises()) {
			return new Judgement(WarningLevel.RED, "INTENSITY_UP", figures + gap + ": intensity up on the same months of last year");
		}
		BigDecimal over = used.subtract(path);
		if (over.compareTo(path.multiply(t.regionRedGap())) > 0) {
			return new Judgement(WarningLevel.RED, "BEYOND_RED_GAP", figures + gap + ": behind the path by more than " + percent(t.regionRedGap()));
		}
		if (over.compareTo(path.multiply(t.regionYellowGap())) > 0) {
			return new Judgement(WarningLevel.YELLOW, "WITHIN_RED_GAP", figures + gap + ": behind the path by at most " + percent(t.regionRedGap()));
		}
		if (complete && partOfTerritory) {
			// every enterprise-month known, yet the enterprises are not the whole county: a lower bound proves no GREEN
			return new Judgement(WarningLevel.INCOMPLETE, "ENTERPRISES_ONLY", figures + gap
					+ ": the registry's enterprises only, not the county's other emissions (households, transport, firms outside the registry); "
					+ "behind the path would be proven, on track is not");
		}
		return complete ? new Judgement(WarningLevel.GREEN, "ON_TRACK", figures + gap + ": on track")
				: new Judgement(WarningLevel.INCOMPLETE, "INCOMPLETE", figures + gap + ": data missing, no level proven");
	}

	/** A fraction as a percentage with one decimal, half up (for the reason text only). */
	static String percent(BigDecimal fraction) {
		return fraction.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + " %";
	}

	private static String signed(String percent) {
		return percent.startsWith("-") ? percent : "+" + percent;
	}
}
