package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.peakpilot.plan.IndicatorInformation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The key enterprises' green-power consumption share of the latest whole year shown beside indicator 12 (非化石能源消费占比;
 * {@code peakpilot.power.green-share-indicators}) on its signed-in page: their claimed green MWh over their purchased MWh
 * of the verified reports, with how many of them have all 12 months verified, labelled as evidence, never the
 * indicator's value (the plan keeps no lineage of it and publishes nothing of it). Within the reader's scope. The grid's
 * non-fossil generation share is not shown: this branch has no generation by technology.
 */
@Component
class GreenShareIndicatorNotes implements IndicatorInformation {

	private final GreenShares shares;
	private final MessageSource messages;
	private final Set<String> indicators;

	GreenShareIndicatorNotes(GreenShares shares, MessageSource messages,
			@Value("${peakpilot.power.green-share-indicators:12}") Set<String> indicators) {
		this.shares = shares;
		this.messages = messages;
		this.indicators = indicators;
	}

	@Override
	public List<Note> about(String itemCode, Locale locale) {
		if (!indicators.contains(itemCode)) {
			return List.of();
		}
		int year = shares.currentYear() - 1;
		List<GreenShares.EnterpriseShare> key = shares.keyEnterprises(year);
		BigDecimal purchased = key.stream().map(GreenShares.EnterpriseShare::purchasedMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
		BigDecimal claimed = key.stream().map(GreenShares.EnterpriseShare::claimedMwh).reduce(BigDecimal.ZERO, BigDecimal::add);
		long complete = key.stream().filter(s -> s.complete() && s.purchasedMwh().signum() > 0).count();
		String mwh = text("power.share.unit.mwh", locale);
		List<Line> lines = new ArrayList<>();
		lines.add(new Line(text("power.share.note.claimed", locale), claimed, mwh));
		lines.add(new Line(text("power.share.note.purchased", locale), purchased, mwh));
		BigDecimal share = GreenShares.sharePct(claimed, purchased);
		if (share != null) {
			lines.add(new Line(text(complete == key.size() ? "power.share.note.share" : "power.share.note.shareProvisional", locale), share, "%"));
		}
		lines.add(new Line(text("power.share.note.enterprises", locale), BigDecimal.valueOf(key.size()), text("power.share.unit.enterprises", locale)));
		lines.add(new Line(text("power.share.note.complete", locale), BigDecimal.valueOf(complete), text("power.share.unit.enterprises", locale)));
		String source = messages.getMessage("power.share.note.source", new Object[] { String.valueOf(year) }, locale);
		return List.of(new Note(messages.getMessage("power.share.note.title", new Object[] { String.valueOf(year) }, locale),
				text("power.share.note.disclaimer", locale), lines, source, "/power/shares?year=" + year));
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}
}
