package org.peakpilot.admission.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Product;
import org.peakpilot.admission.Assessment;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/**
 * What the assessment fragment reads besides the assessment (Thymeleaf: {@code ${@admissionView.zoneName(code)}}):
 * names of zones, counties, parks and products in the reader's language, a reason's or condition's text in it, and the
 * city path as the chart's JSON. Reads the registry and accounting's products; computes no figure.
 */
@Component("admissionView")
public class AdmissionView {

	private final Registry registry;
	private final EmissionsAccounting accounting;
	private final JsonMapper json;

	AdmissionView(Registry registry, EmissionsAccounting accounting, JsonMapper json) {
		this.registry = registry;
		this.accounting = accounting;
		this.json = json;
	}

	private static boolean en() {
		Locale l = LocaleContextHolder.getLocale();
		return l != null && "en".equals(l.getLanguage());
	}

	/** The control zone's name ("四川乐山沙湾经济开发区减污降碳重点管控区"), or the code when unknown. */
	public String zoneName(String code) {
		if (code == null) {
			return "";
		}
		return registry.zones().stream().filter(z -> z.zoneCode().equals(code)).findFirst().map(z -> en() ? z.nameEn() : z.nameZh()).orElse(code);
	}

	public String countyName(String code) {
		if (code == null) {
			return "";
		}
		return registry.counties().stream().filter(c -> c.code().equals(code)).findFirst().map(RegistryModel.Region::nameZh).orElse(code);
	}

	public String parkName(String code) {
		if (code == null) {
			return "";
		}
		return registry.parks().stream().filter(p -> p.code().equals(code)).findFirst().map(p -> en() ? p.nameEn() : p.nameZh()).orElse(code);
	}

	public String industryName(String code) {
		if (code == null) {
			return "";
		}
		return registry.industries().stream().filter(i -> i.code().equals(code)).findFirst().map(i -> code + " " + (en() ? i.nameEn() : i.nameZh()))
			.orElse(code);
	}

	public String productName(String code) {
		if (code == null) {
			return "";
		}
		return accounting.products().stream().filter(p -> p.code().equals(code)).findFirst().map(p -> en() ? p.nameEn() : p.nameZh()).orElse(code);
	}

	/** A product's unit as accounting states it. */
	public String productUnit(String code) {
		return accounting.products().stream().filter(p -> p.code().equals(code)).findFirst().map(Product::unit).orElse("");
	}

	public String text(Assessment.Reason r) {
		return en() ? r.textEn() : r.textZh();
	}

	public String text(Assessment.Condition c) {
		return en() ? c.textEn() : c.textZh();
	}

	public String text(Assessment.NotAssessed n) {
		return en() ? n.whyEn() : n.whyZh();
	}

	/** A figure as written, without exponent or trailing zeros; "—" for none. */
	public String plain(Object value) {
		BigDecimal v = value instanceof org.peakpilot.shared.Quantity q ? q.value() : value instanceof BigDecimal b ? b : null;
		return v == null ? "—" : v.stripTrailingZeros().toPlainString();
	}

	/** A value as an input field shows it: empty for none, a decimal written out. */
	public String input(Object value) {
		if (value == null) {
			return "";
		}
		if (value instanceof BigDecimal b) {
			return b.stripTrailingZeros().toPlainString();
		}
		return value.toString();
	}

	/**
	 * A reason's figure or threshold for reading: from 100 up whole-number grouped with 2 decimals (6,460.56 tce), below
	 * it 4 significant digits (0.1206 t per 10k CNY); "—" for none. Full precision on hover ({@link #plain}).
	 */
	public String figure(BigDecimal value) {
		if (value == null) {
			return "—";
		}
		if (value.abs().compareTo(BigDecimal.valueOf(100)) >= 0) {
			return String.format(Locale.ROOT, "%,.2f", value);
		}
		return value.round(new java.math.MathContext(4, java.math.RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
	}

	/** A percentage (m, n) to two decimals; "—" for none. */
	public String percent(BigDecimal value) {
		return value == null ? "—" : value.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString() + " %";
	}

	/** The city path as the chart reads it: {"years": […], "without_t": […], "with_t": […]}, or "null". */
	public String pathJson(Assessment a) {
		if (a == null || a.cityPath() == null || a.cityPath().points() == null || a.cityPath().points().isEmpty()) {
			return "null";
		}
		List<Integer> years = new ArrayList<>();
		List<BigDecimal> without = new ArrayList<>();
		List<BigDecimal> with = new ArrayList<>();
		for (Assessment.PathPoint p : a.cityPath().points()) {
			years.add(p.year());
			without.add(p.withoutT() == null ? null : p.withoutT().value());
			with.add(p.withT() == null ? null : p.withT().value());
		}
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("years", years);
		m.put("without_t", without);
		m.put("with_t", with);
		return json.writeValueAsString(m).replace("</", "<\\/");
	}
}
