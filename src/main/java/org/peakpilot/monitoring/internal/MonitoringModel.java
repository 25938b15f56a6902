package org.peakpilot.monitoring.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.peakpilot.monitoring.ClosingOutcome;
import org.peakpilot.monitoring.Meter;
import org.peakpilot.monitoring.MeteredEnergy;

/**
 * What the monitoring module shows and takes, inside the module (the values other modules use are in its base package).
 * Quantities are in the meter's unit unless a name says tce or tCO2.
 */
public final class MonitoringModel {

	private MonitoringModel() {
	}

	/**
	 * One reading as sent: the meter by its code within the sender's enterprise (or by id), the end of the
	 * interval (ISO-8601; without an offset it is Beijing time), the register or interval value, and optionally
	 * the unit (which must then be the meter's).
	 */
	public record IncomingReading(String meter, Long meterId, String ts, String value, String unit) {
	}

	/** Why a reading was not stored. */
	public enum Reason {
		MALFORMED, UNKNOWN_METER, FOREIGN_METER, INACTIVE_METER, WRONG_UNIT, BAD_TIMESTAMP, FUTURE, TOO_OLD, MISALIGNED,
		BAD_VALUE, VALUE_OUT_OF_RANGE, NEGATIVE, IMPOSSIBLE, CONFLICT, UNAUTHENTICATED
	}

	/** A reading of a batch that was quarantined: its place in the batch (0-based), meter, reason. */
	public record Rejected(int index, String meter, Reason reason, String detail, long quarantineId) {
	}

	/**
	 * The answer to a batch: how many readings came, how many were stored, how many were already stored with the
	 * same value (a resend), and which were quarantined and why.
	 */
	public record IngestResult(int received, int stored, int duplicates, int quarantined, List<Rejected> rejected, String batchId,
			int corrected, int snapped, List<Note> notes) {

		public IngestResult(int received, int stored, int duplicates, int quarantined, List<Rejected> rejected) {
			this(received, stored, duplicates, quarantined, rejected, null, 0, 0, List.of());
		}

		/** The same answer for the batch of this id. */
		public IngestResult withBatchId(String id) {
			return new IngestResult(received, stored, duplicates, quarantined, rejected, id, corrected, snapped, notes);
		}
	}

	/**
	 * A stored reading of a batch that was changed on the way in: SNAPPED (its time lay within the alignment tolerance
	 * of an interval boundary and was moved onto it) or CORRECTED (it replaced a stored value, flagged as a correction).
	 */
	public record Note(int index, String meter, String note, String detail) {
	}

	/** The status a gateway reported on its own (heartbeat), and when it was received. */
	public record GatewayStatus(long gatewayId, Instant receivedAt, String status) {
	}

	public enum QuarantineStatus {
		OPEN, REPLAYED, DISCARDED
	}

	/** A quarantined reading with the raw payload it came in and the reason. */
	public record QuarantineEntry(long id, Long enterpriseId, String channel, String sender, Long meterId, String meterCode,
			Instant ts, BigDecimal value, String unit, String raw, Reason reason, String detail, Instant receivedAt,
			QuarantineStatus status, String resolvedBy, Instant resolvedAt, String resolution) {
	}

	/** A correction of a quarantined reading before it is replayed (fields left null keep the quarantined ones). */
	public record Correction(String meter, String ts, String value, String unit, String comment) {
	}

	/** A meter exchange: the old register's final value and the new one's initial value. */
	public record Replacement(long id, long meterId, Instant replacedAt, BigDecimal oldFinal, BigDecimal newInitial, String reason,
			String createdBy, Instant createdAt) {
	}

	public record ReplacementForm(String replacedAt, BigDecimal oldFinal, BigDecimal newInitial, String reason) {
	}

	/** A back-fill (数据补录) of missing intervals, with the reason. */
	public record BackfillForm(String reason, List<IncomingReading> readings) {
	}

	/** Rollup grains: 15 minutes, hour, day (Beijing time), month. */
	public enum Grain {
		QUARTER('Q'), HOUR('H'), DAY('D'), MONTH('M');

		final char code;

		Grain(char code) {
			this.code = code;
		}

		/** The start of the period after the one starting at {@code start}. */
		public java.time.ZonedDateTime next(java.time.ZonedDateTime start) {
			return switch (this) {
				case QUARTER -> start.plusMinutes(15);
				case HOUR -> start.plusHours(1);
				case DAY -> start.plusDays(1);
				case MONTH -> start.plusMonths(1);
			};
		}

		static Grain of(char code) {
			for (Grain g : values()) {
				if (g.code == code) {
					return g;
				}
			}
			throw new IllegalArgumentException("grain " + code);
		}
	}

	/** A missing interval range of a meter: readings expected at these interval ends and not received. */
	public record Gap(long meterId, Instant firstMissing, Instant lastMissing, int intervals) {
	}

	/** One period of a meter's rollup, in its unit and converted with the accounting factors of the period's year. */
	public record MeterPoint(Instant start, BigDecimal quantity, BigDecimal tce, BigDecimal co2T, int readings, int excluded) {
	}

	/** A meter's series over from (inclusive) to (exclusive) at a grain, with the conversion used per year. */
	public record MeterSeries(Meter meter, Grain grain, List<MeterPoint> points, List<FactorConversion> conversions) {
	}

	/** The accounting factors a conversion used, for the page's lineage note. */
	public record FactorConversion(int year, String energyCode, String unit, BigDecimal tcePerUnit, BigDecimal co2TPerUnit,
			List<org.peakpilot.accounting.Calculation.FactorUsed> factors) {
	}


	// ---- views: the office's live view, enterprise curves, completeness, month-to-date (monitoring pages)

	/** The span a curve covers and the grain it is drawn at: a Beijing day by quarter-hours, an ISO week by hours, a month by days, a year by months. */
	public enum Range {
		DAY(Grain.QUARTER), WEEK(Grain.HOUR), MONTH(Grain.DAY), YEAR(Grain.MONTH);

		private final Grain grain;

		Range(Grain grain) {
			this.grain = grain;
		}

		public Grain grain() {
			return grain;
		}

		/** The first day of the span holding {@code date}. */
		public java.time.LocalDate first(java.time.LocalDate date) {
			return switch (this) {
				case DAY -> date;
				case WEEK -> date.with(java.time.temporal.TemporalAdjusters.previousOrSame(java.time.DayOfWeek.MONDAY));
				case MONTH -> date.withDayOfMonth(1);
				case YEAR -> date.withDayOfYear(1);
			};
		}

		/** The day after the span holding {@code date}. */
		public java.time.LocalDate end(java.time.LocalDate date) {
			java.time.LocalDate first = first(date);
			return switch (this) {
				case DAY -> first.plusDays(1);
				case WEEK -> first.plusWeeks(1);
				case MONTH -> first.plusMonths(1);
				case YEAR -> first.plusYears(1);
			};
		}
	}

	/** One energy of an enterprise (energy code and unit) over a curve's periods, each in the unit, tce and tCO2. */
	public record EnergyLine(String energyCode, String unit, List<MeterPoint> points) {
	}

	/** The tce and tCO2 of all energies of one period. */
	public record TotalPoint(Instant start, BigDecimal tce, BigDecimal co2T) {
	}

	/**
	 * An enterprise's curve over from (inclusive) to (exclusive): every period start of the grain, one line per
	 * energy and unit, the totals, and the accounting factors the conversions used.
	 */
	public record EnterpriseSeries(long enterpriseId, Range range, Grain grain, Instant from, Instant to, List<Instant> periods,
			List<EnergyLine> lines, List<TotalPoint> totals, List<FactorConversion> conversions) {
	}

	/** A meter with its latest reading; offline when that is older than the configured number of its intervals, or absent. */
	public record MeterState(Meter meter, Instant lastTs, BigDecimal lastValue, Instant lastReceivedAt, boolean online) {
	}

	/** Readings received on a Beijing day against those expected (1440 / interval for a whole day, so far for today). */
	public record DayCompleteness(java.time.LocalDate day, int received, int expected) {

		/** received / expected as a percentage 0–100, rounded down; 100 when nothing was expected. */
		public int percent() {
			return expected == 0 ? 100 : (int) Math.min(100, received * 100L / expected);
		}
	}

	public record MeterCompleteness(long meterId, String code, String name, int intervalMinutes, List<DayCompleteness> days) {
	}

	/** One energy's quantity in its unit, with tce and tCO2. */
	public record EnergyQuantity(String energyCode, String unit, BigDecimal quantity, BigDecimal tce, BigDecimal co2T) {
	}

	/** An enterprise's energy of the month so far (Beijing month), per energy and in total. */
	public record EnterpriseMonth(long enterpriseId, String name, String countyCode, String industryCode, java.time.YearMonth month,
			BigDecimal tce, BigDecimal co2T, List<EnergyQuantity> energies) {
	}

	/** A share of the day's energy: a county or an industry, its names, tce and tCO2. */
	public record EnergyShare(String key, String nameZh, String nameEn, BigDecimal tce, BigDecimal co2T) {
	}

	/** An enterprise's energy of the day. */
	public record EnterpriseEnergy(long enterpriseId, String name, String countyCode, String industryCode, BigDecimal tce,
			BigDecimal co2T) {
	}

	/** An alarm as the live view lists it (the alarm rules and their workflow live elsewhere). */
	public record LiveAlarm(long id, long enterpriseId, Long meterId, String kind, Instant periodTs, String detail, Instant raisedAt,
			String status) {
	}

	/**
	 * The live city view of a Beijing day within the caller's scope: energy in tce and tCO2 by county, by industry
	 * and in total, the top consumers, meters online and offline as of {@code at}, open alarms and the latest ones,
	 * and the accounting factors that converted the quantities.
	 */
	public record CitySummary(java.time.LocalDate day, Instant at, BigDecimal tce, BigDecimal co2T, List<EnergyShare> byCounty,
			List<EnergyShare> byIndustry, List<EnterpriseEnergy> top, int metersOnline, int metersOffline, int offlineAfterIntervals,
			long openAlarms, List<LiveAlarm> latestAlarms, List<FactorConversion> conversions) {
	}

	/** The result of an all-or-nothing meter import: the meters registered, in the order of the sheet's rows. */
	public record MeterImport(int rows, List<Meter> registered) {
	}

	// ---- alarm rules and the monthly closing (feature: alarms and monthly closing)

	/**
	 * What an alarm is about: register anomalies found by the rollup (COUNTER_*), a quantity above the meter's limit
	 * per interval or per day (THRESHOLD_*), a meter without readings (OFFLINE), an interval far above the meter's own
	 * recent profile (SPIKE), and unit energy consumption (单耗) worse than the national level (UNIT_ENERGY).
	 */
	public enum AlarmKind {
		COUNTER_BACKWARDS, COUNTER_JUMP, THRESHOLD_INTERVAL, THRESHOLD_DAY, OFFLINE, SPIKE, UNIT_ENERGY
	}

	/**
	 * OPEN → ACKNOWLEDGED → CLOSED (an open alarm may also be closed directly); closing needs a comment. An OFFLINE
	 * alarm whose meter sends again closes itself as RECOVERED, with its gap recorded.
	 */
	public enum AlarmStatus {
		OPEN, ACKNOWLEDGED, RECOVERED, CLOSED;

		/** Whether a person still has to handle the alarm. */
		public boolean pending() {
			return this == OPEN || this == ACKNOWLEDGED;
		}
	}

	/**
	 * An alarm. {@code observed} and {@code threshold} are in {@code unit} (the meter's unit, "intervals" for
	 * OFFLINE, kgce per product unit for UNIT_ENERGY); {@code referenceCode} and {@code referenceTag} name the
	 * efficiency level compared with and how far it is verified; {@code resolvedAt} is when the condition ended by
	 * itself (OFFLINE: readings came again).
	 */
	public record Alarm(long id, long enterpriseId, String countyCode, Long parkId, Long meterId, String meterCode, AlarmKind kind,
			Instant periodTs, String subject, String detail, BigDecimal observed, BigDecimal threshold, String unit,
			String referenceCode, String referenceTag, boolean referenceVerified, Instant raisedAt, Instant resolvedAt,
			AlarmStatus status, String acknowledgedBy, Instant acknowledgedAt, String acknowledgeComment, String closedBy,
			Instant closedAt, String comment, AlarmGap gap) {
	}

	/**
	 * The silence of a RECOVERED offline alarm: from the last reading before it to the interval end at which readings
	 * came again; {@code intervals} the meter's intervals in between (neither end counted), {@code backfilled} those
	 * of them present now (resent later), {@code missing} the rest.
	 */
	public record AlarmGap(Instant from, Instant to, int intervals, int backfilled) {

		public int missing() {
			return Math.max(0, intervals - backfilled);
		}
	}

	/**
	 * Closing several alarms with one comment: refused as a whole when any id is unknown or outside the caller's scope
	 * or the caller may not handle it; {@code closed} the ids closed now, {@code skipped} those already closed or
	 * recovered, left as they were.
	 */
	public record BulkClose(List<Long> closed, List<Long> skipped) {
	}

	/** Filters of the alarm list; every one optional. */
	public record AlarmQuery(AlarmKind kind, AlarmStatus status, Long enterpriseId, Integer limit) {
	}

	/** A meter's alarm settings: limits in its unit, offline after so many intervals, spike detection on or off. */
	public record AlarmRule(long meterId, BigDecimal intervalLimit, BigDecimal dayLimit, int offlineIntervals, boolean spikeEnabled,
			String updatedBy, Instant updatedAt) {
	}

	public record AlarmRuleForm(BigDecimal intervalLimit, BigDecimal dayLimit, Integer offlineIntervals, Boolean spikeEnabled) {
	}

	/** What one evaluation of the alarm rules raised and resolved. */
	public record AlarmRound(int thresholds, int offline, int resolved, int spikes, int unitEnergy) {
	}

	/**
	 * A row of the national efficiency levels (标杆水平 benchmark, 基准水平 baseline) in kgce per product unit, with
	 * the matching limit standard's row (level 3 is the limit) and the verification tags of both.
	 */
	public record EfficiencyLevel(String code, String productCode, String name, String unit, BigDecimal benchmark,
			BigDecimal baseline, String source, String tag, boolean verified, String limitCode, String limitStandard,
			BigDecimal limitLevel1, BigDecimal limitLevel3, String limitSource, String limitTag) {
	}

	/** The latest monthly closing of an enterprise's month. */
	public record MonthClosing(long id, long enterpriseId, int year, int month, ClosingOutcome outcome, Long reportId, String note,
			List<MeteredEnergy> metered, Instant draftedAt, String closedBy, Instant closedAt) {
	}

	/**
	 * Metered versus reported energy of one energy code: quantities (when both sides use one unit), tce, the
	 * difference (reported − metered) in percent of metered, and whether it is beyond the tolerance.
	 */
	public record EnergyComparison(String energyCode, String meteredUnit, BigDecimal meteredQuantity, BigDecimal meteredTce,
			String reportedUnit, BigDecimal reportedQuantity, BigDecimal reportedTce, BigDecimal differencePercent, boolean flagged) {
	}

	/** Metered versus reported energy of an enterprise's month, per energy and in total tce. */
	public record MonthComparison(long enterpriseId, String countyCode, int year, int month, ClosingOutcome outcome, Long reportId,
			String reportStatus, BigDecimal meteredTce, BigDecimal reportedTce, BigDecimal differencePercent, boolean flagged,
			BigDecimal tolerancePercent, List<EnergyComparison> energies) {
	}
}
