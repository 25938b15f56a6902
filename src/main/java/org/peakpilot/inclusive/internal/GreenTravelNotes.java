package org.peakpilot.inclusive.internal;

import java.math.BigDecimal;
import java.time.Year;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.peakpilot.inclusive.CarbonInclusive;
import org.peakpilot.inclusive.GreenTrips;
import org.peakpilot.plan.IndicatorInformation;
import org.peakpilot.platform.AccessScope;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The scheme's green trips of the current year shown beside the green-travel indicators (Leshan: 24 share of green
 * urban trips, 25 public transport share; {@code peakpilot.inclusive.green-travel-indicators}) on their signed-in pages,
 * labelled {@link GreenTrips#DISCLAIMER}: information, never the indicator's value (the plan keeps no lineage of it and
 * publishes nothing of it). The plan asks for it through its {@link IndicatorInformation}, so the plan does not depend
 * on this module.
 */
@Component
class GreenTravelNotes implements IndicatorInformation {

	private final CarbonInclusive inclusive;
	private final OfficeFigures figures;
	private final MessageSource messages;
	private final Set<String> indicators;

	GreenTravelNotes(CarbonInclusive inclusive, OfficeFigures figures, MessageSource messages,
			@Value("${peakpilot.inclusive.green-travel-indicators:24,25}") Set<String> indicators) {
		this.inclusive = inclusive;
		this.figures = figures;
		this.messages = messages;
		this.indicators = indicators;
	}

	@Override
	public List<Note> about(String itemCode, Locale locale) {
		if (!indicators.contains(itemCode)) {
			return List.of();
		}
		Year year = Year.from(figures.today());
		GreenTrips trips = inclusive.greenTrips(year);
		List<Line> lines = new ArrayList<>();
		String unitTrips = text("inclusive.office.unit.trips", locale);
		String unitG = text("inclusive.office.unit.gco2", locale);
		lines.add(new Line(text("inclusive.office.note.total", locale), BigDecimal.valueOf(trips.trips()), unitTrips));
		lines.add(new Line(text("inclusive.office.note.totalGco2", locale), BigDecimal.valueOf(trips.gco2()), unitG));
		List<String> methodologies = new ArrayList<>();
		for (GreenTrips.Mode m : trips.modes()) {
			String mode = messages.getMessage("inclusive.citizen.mode." + m.mode(), null, m.mode(), locale);
			lines.add(new Line(messages.getMessage("inclusive.office.note.trips", new Object[] { mode }, locale), BigDecimal.valueOf(m.trips()), unitTrips));
			lines.add(new Line(messages.getMessage("inclusive.office.note.gco2", new Object[] { mode }, locale), BigDecimal.valueOf(m.gco2()), unitG));
			methodologies.addAll(m.methodologies());
		}
		String period = trips.through() == null ? year.toString() : year.atDay(1) + " – " + trips.through();
		String source = messages.getMessage("inclusive.office.note.source",
				new Object[] { period, methodologies.isEmpty() ? "—" : String.join(", ", OfficeFigures.sorted(methodologies)) }, locale);
		String link = AccessScope.current().isCityWide() ? "/inclusive/office" : null;
		return List.of(new Note(messages.getMessage("inclusive.office.note.title", new Object[] { year.toString() }, locale),
				text("inclusive.office.note.disclaimer", locale), lines, source, link));
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}
}
