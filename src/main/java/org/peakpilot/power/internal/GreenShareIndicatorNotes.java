package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.peakpilot.plan.IndicatorInformation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key enterprises' green-power consumption share of the latest whole year shown beside indicator 12 (非化石能源消费占比;
 * {@code peakpilot.power.green-share-indicators}) on its signed-in page: their claimed green MWh over their purchased MWh
 * of the verified reports, with how many of them have all 12 months verified, labelled as evidence, never the
 * indicator's value (the plan keeps no lineage of it and publishes nothing of it). Within the reader's scope. Beside it
 * the grid's non-fossil generation share of the year (hydro, wind, solar, nuclear ÷ all generation of the grid zone's
 * hourly data), when the year has generation data, marked when any of it is made up (示例数据（虚构）).
 */
@Component
class GreenShareIndicatorNotes implements IndicatorInformation {

	private final GreenShares shares;
	private final JdbcClient jdbc;
	private final Zones zones;
	private final MessageSource messages;
	private final Set<String> indicators;

	GreenShareIndicatorNotes(GreenShares shares, JdbcClient jdbc, Zones zones, MessageSource messages,
			@Value("${peakpilot.power.green-share-indicators:12}") Set<String> indicators) {
		this.shares = shares;
		this.jdbc = jdbc;
		this.zones = zones;
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
		gridNonFossil(year, locale).ifPresent(lines::add);
		String source = messages.getMessage("power.share.note.source", new Object[] { String.valueOf(year) }, locale);
		return List.of(new Note(messages.getMessage("power.share.note.title", new Object[] { String.valueOf(year) }, locale),
				text("power.share.note.disclaimer", locale), lines, source, "/power/shares?year=" + year));
	}

	/** The grid zone's non-fossil share of the year's generation, %, when the year has generation data. */
	java.util.Optional<Line> gridNonFossil(int year, Locale locale) {
		java.time.ZoneId beijing = java.time.ZoneId.of("Asia/Shanghai");
		Map<String, Object> row = jdbc.sql("""
				SELECT sum(mwh) FILTER (WHERE technology IN ('HYDRO', 'WIND', 'SOLAR', 'NUCLEAR')) AS clean, sum(mwh) AS total,
				       bool_or(synthetic) AS synthetic
				FROM power_generation_hour WHERE zone_code = :z AND hour_start >= :f AND hour_start < :t""")
			.param("z", zones.gridZone())
			.param("f", java.sql.Timestamp.from(java.time.LocalDate.of(year, 1, 1).atStartOfDay(beijing).toInstant()))
			.param("t", java.sql.Timestamp.from(java.time.LocalDate.of(year + 1, 1, 1).atStartOfDay(beijing).toInstant()))
			.query().singleRow();
		BigDecimal total = (BigDecimal) row.get("total");
		if (total == null || total.signum() <= 0) {
			return java.util.Optional.empty();
		}
		BigDecimal clean = row.get("clean") == null ? BigDecimal.ZERO : (BigDecimal) row.get("clean");
		String label = messages.getMessage(Boolean.TRUE.equals(row.get("synthetic")) ? "power.share.note.gridSynthetic" : "power.share.note.grid",
				new Object[] { zones.gridZone() }, locale);
		return java.util.Optional.of(new Line(label, org.peakpilot.shared.Rounding.stored(clean.multiply(BigDecimal.valueOf(100))
			.divide(total, org.peakpilot.shared.Rounding.WORKING)), "%"));
	}

	private String text(String key, Locale locale) {
		return messages.getMessage(key, null, locale);
	}
}
