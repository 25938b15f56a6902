package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeterKind;

/**
 * Turns a meter's readings into the quantity of each interval. An INTERVAL meter's reading is the quantity
 * (× multiplier). A COUNTER meter's quantity is the register difference to the previous reading × multiplier,
 * where
 * <ul>
 * <li>an exchange between the two readings counts (old final − previous) + (reading − new initial);</li>
 * <li>a register below the previous one with a rollover value set counts (rollover − previous) + reading;</li>
 * <li>what is still negative (a register going backwards) or larger than the meter's maximum per interval times
 * the intervals elapsed (a jump) is not trusted: the quantity is left out, marked with the anomaly, and the next
 * difference starts from this reading.</li>
 * </ul>
 * The first reading of a COUNTER meter has no previous one and yields no quantity.
 */
final class IntervalQuantities {

	enum Anomaly {
		COUNTER_BACKWARDS, COUNTER_JUMP
	}

	record Point(Instant ts, BigDecimal value) {
	}

	record Exchange(Instant at, BigDecimal oldFinal, BigDecimal newInitial) {
	}

	/** The quantity of the interval ending at {@code ts}; null with an anomaly when it cannot be trusted, or for a first reading. */
	record Quantity(Instant ts, BigDecimal quantity, Anomaly anomaly, String detail) {
	}

	private IntervalQuantities() {
	}

	/**
	 * @param previous  the last reading before {@code readings} (null if none)
	 * @param readings  in time order
	 * @param exchanges the meter's exchanges, in time order
	 */
	static List<Quantity> of(Meter meter, Point previous, List<Point> readings, List<Exchange> exchanges) {
		List<Quantity> out = new ArrayList<>(readings.size());
		if (meter.kind() == MeterKind.INTERVAL) {
			for (Point p : readings) {
				out.add(new Quantity(p.ts(), p.value().multiply(meter.multiplier()), null, null));
			}
			return out;
		}
		Point prev = previous;
		for (Point p : readings) {
			if (prev == null) {
				out.add(new Quantity(p.ts(), null, null, null));
				prev = p;
				continue;
			}
			BigDecimal diff;
			BigDecimal from = prev.value();
			boolean exchanged = false;
			BigDecimal sum = BigDecimal.ZERO;
			for (Exchange x : exchanges) {
				if (x.at().isAfter(prev.ts()) && !x.at().isAfter(p.ts())) {
					sum = sum.add(x.oldFinal().subtract(from));
					from = x.newInitial();
					exchanged = true;
				}
			}
			diff = sum.add(p.value().subtract(from));
			boolean rolledOver = false;
			if (diff.signum() < 0 && !exchanged && meter.counterMax() != null) {
				diff = meter.counterMax().subtract(prev.value()).add(p.value());
				rolledOver = true;
			}
			BigDecimal quantity = diff.multiply(meter.multiplier());
			long intervals = Math.max(1, Duration.between(prev.ts(), p.ts()).toMinutes() / meter.intervalMinutes());
			BigDecimal max = meter.maxPerInterval().multiply(BigDecimal.valueOf(intervals));
			if (quantity.signum() < 0) {
				out.add(new Quantity(p.ts(), null, Anomaly.COUNTER_BACKWARDS, "register " + p.value().toPlainString() + " below the previous "
						+ prev.value().toPlainString() + " of " + prev.ts() + " without an exchange or rollover"));
			}
			else if (quantity.compareTo(max) > 0) {
				out.add(new Quantity(p.ts(), null, Anomaly.COUNTER_JUMP, "difference " + quantity.stripTrailingZeros().toPlainString() + " "
						+ meter.unit() + " since " + prev.ts() + " exceeds the meter's maximum " + max.stripTrailingZeros().toPlainString()
						+ (rolledOver ? " (as a rollover)" : "")));
			}
			else {
				out.add(new Quantity(p.ts(), quantity, null, null));
			}
			prev = p;
		}
		return out;
	}
}
