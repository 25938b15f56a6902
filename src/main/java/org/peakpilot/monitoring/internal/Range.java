package org.peakpilot.monitoring.internal;

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
