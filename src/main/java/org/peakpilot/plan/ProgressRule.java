package org.peakpilot.plan;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.peakpilot.plan.PlanModel.Direction;
import org.peakpilot.plan.PlanModel.Item;
import org.peakpilot.plan.PlanModel.Observation;
import org.peakpilot.plan.PlanModel.Progress;
import org.peakpilot.plan.PlanModel.Status;
import org.peakpilot.plan.PlanModel.Target;

/**
 * Decides an item's status from its latest value. The next target is the first target in or after the latest
 * year (the last one once all have passed). A value at or beyond it (by the item's direction) is achieved. A
 * cap is achieved or off track. Otherwise the value is compared with the straight path from the start — the
 * item's baseline, else its value in the plan's baseline year, else its earliest earlier value — to the next
 * target: on or ahead of the path is on track; behind by at most the tolerance (a fraction of the change the
 * target requires) is at risk; further behind, or the target year reached without the target, is off track.
 * A provincial target not yet entered gives "target missing" rather than a guess. A latest value computed from
 * incomplete data is provisional and gets no status at all ("provisional, N % covered"): it is neither judged
 * against a target nor used as the start of a path.
 */
final class ProgressRule {

	private static final MathContext MC = MathContext.DECIMAL64;

	private ProgressRule() {
	}

	static Progress assess(Item item, List<Observation> observations, int planBaselineYear, BigDecimal tolerance) {
		Optional<Observation> latestObs = observations.stream().filter(Observation::current)
			.max(Comparator.comparingInt(Observation::year));
		if (latestObs.isEmpty()) {
			return progress(Status.NO_DATA, null, null, nextTarget(item, null), null, null, "no-data");
		}
		Observation latest = latestObs.get();
		int year = latest.year();
		BigDecimal value = latest.value();
		Target next = nextTarget(item, year);
		if (latest.provisional()) {
			return progress(Status.PROVISIONAL, year, value, next, null, null, "provisional",
					latest.coveragePercent() == null ? "?" : plain(latest.coveragePercent()));
		}
		if (next == null) {
			return progress(Status.TARGET_MISSING, year, value, null, null, null, "no-target");
		}
		if (!next.known()) {
			return progress(Status.TARGET_MISSING, year, value, next, null, null, "provincial-target-missing",
					String.valueOf(next.year()));
		}
		BigDecimal target = next.value();
		if (item.direction() == Direction.CAP) {
			boolean within = value.compareTo(target) <= 0;
			return progress(within ? Status.ACHIEVED : Status.OFF_TRACK, year, value, next, target, null,
					within ? "within-cap" : "above-cap", plain(target));
		}
		if (meets(item.direction(), value, target)) {
			return progress(Status.ACHIEVED, year, value, next, target, 100, "target-met", plain(target), String.valueOf(next.year()));
		}
		if (year >= next.year()) {
			return progress(Status.OFF_TRACK, year, value, next, target, percentOf(item, value, target), "target-year-missed",
					plain(target), String.valueOf(next.year()));
		}
		Start start = start(item, observations, planBaselineYear, year);
		if (start == null) {
			return progress(Status.AT_RISK, year, value, next, null, null, "no-baseline", String.valueOf(planBaselineYear));
		}
		BigDecimal required = target.subtract(start.value());
		if (required.signum() == 0 || start.year() >= next.year()) {
			return progress(Status.OFF_TRACK, year, value, next, target, 0, "behind-start", plain(start.value()));
		}
		BigDecimal achieved = value.subtract(start.value()).divide(required, MC);
		BigDecimal elapsed = BigDecimal.valueOf(year - start.year()).divide(BigDecimal.valueOf(next.year() - start.year()), MC);
		// one decimal more than the figures the path runs between, as the office would read it
		int scale = Math.max(Math.max(start.value().scale(), target.scale()), 0) + 1;
		BigDecimal expected = start.value().add(required.multiply(elapsed, MC)).setScale(scale, RoundingMode.HALF_UP).stripTrailingZeros();
		int percent = clampPercent(achieved);
		if (achieved.compareTo(elapsed) >= 0) {
			return progress(Status.ON_TRACK, year, value, next, expected, percent, "on-path", plain(expected));
		}
		if (achieved.compareTo(elapsed.subtract(tolerance)) >= 0) {
			return progress(Status.AT_RISK, year, value, next, expected, percent, "slightly-behind", plain(expected));
		}
		return progress(Status.OFF_TRACK, year, value, next, expected, percent, "far-behind", plain(expected));
	}

	/** The first target in or after {@code year}, or the last target once all have passed; any target if no year. */
	static Target nextTarget(Item item, Integer year) {
		List<Target> targets = item.targets().stream().sorted(Comparator.comparingInt(Target::year)).toList();
		if (targets.isEmpty()) {
			return null;
		}
		if (year == null) {
			return targets.get(0);
		}
		return targets.stream().filter(t -> t.year() >= year).findFirst().orElse(targets.get(targets.size() - 1));
	}

	static boolean meets(Direction direction, BigDecimal value, BigDecimal target) {
		return switch (direction) {
			case HIGHER -> value.compareTo(target) >= 0;
			case LOWER, CAP -> value.compareTo(target) <= 0;
		};
	}

	private record Start(int year, BigDecimal value) {
	}

	private static Start start(Item item, List<Observation> observations, int planBaselineYear, int latestYear) {
		if (item.baselineValue() != null && item.baselineYear() != null && item.baselineYear() < latestYear) {
			return new Start(item.baselineYear(), item.baselineValue());
		}
		List<Observation> earlier = observations.stream().filter(Observation::current).filter(o -> !o.provisional())
			.filter(o -> o.year() < latestYear)
			.sorted(Comparator.comparingInt(Observation::year)).toList();
		return earlier.stream().filter(o -> o.year() == planBaselineYear).findFirst()
			.or(() -> earlier.stream().findFirst())
			.map(o -> new Start(o.year(), o.value()))
			.orElse(null);
	}

	private static Integer percentOf(Item item, BigDecimal value, BigDecimal target) {
		if (item.baselineValue() == null) {
			return null;
		}
		BigDecimal required = target.subtract(item.baselineValue());
		if (required.signum() == 0) {
			return null;
		}
		return clampPercent(value.subtract(item.baselineValue()).divide(required, MC));
	}

	private static int clampPercent(BigDecimal fraction) {
		int p = fraction.multiply(BigDecimal.valueOf(100)).setScale(0, RoundingMode.HALF_UP).intValue();
		return Math.max(0, Math.min(100, p));
	}

	private static Progress progress(Status status, Integer year, BigDecimal value, Target next, BigDecimal expected,
			Integer percent, String reason, String... args) {
		return new Progress(status, year, value, next, expected, percent, reason, List.of(args));
	}

	private static String plain(BigDecimal v) {
		return v.stripTrailingZeros().toPlainString();
	}
}
