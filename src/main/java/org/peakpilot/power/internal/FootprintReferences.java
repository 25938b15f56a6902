package org.peakpilot.power.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.peakpilot.plan.PilotPlan;
import org.peakpilot.shared.CsvTable;
import org.springframework.stereotype.Component;

/**
 * The plan folder's {@value #FILE}: the French ECS default grid factor a footprint is shown against and published
 * product footprints shown as context, each with its source and verification tag. A plan without the file shows no
 * ECS figure and no references.
 */
@Component
public class FootprintReferences {

	static final String FILE = "power-footprint-references.csv";

	/** One row: code, kind (ECS_GRID or REFERENCE), product (or null), value in unit, names and source with its tag. */
	public record Reference(String code, String kind, String product, BigDecimal value, String unit, String nameZh, String nameEn,
			String source) {

		public String name(java.util.Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	private final List<Reference> rows;

	FootprintReferences(PilotPlan plan) {
		String text = plan.planText(FILE).orElse("code,kind,product,value,unit,name_zh,name_en,source\n");
		CsvTable t = CsvTable.parse(text.lines().filter(l -> !l.startsWith("#")).collect(Collectors.joining("\n")));
		rows = t.rows().stream().map(r -> new Reference(r.require("code"), r.require("kind"), blank(r.get("product")),
				new BigDecimal(r.require("value")), r.require("unit"), r.require("name_zh"), r.require("name_en"), r.require("source"))).toList();
	}

	/** The ECS default grid factor, g/kWh, with its row. */
	public Optional<Reference> ecsGrid() {
		return rows.stream().filter(r -> r.kind().equals("ECS_GRID")).findFirst();
	}

	/** The published footprints of a product, as context. */
	public List<Reference> references(String product) {
		return rows.stream().filter(r -> r.kind().equals("REFERENCE") && product.equals(r.product())).toList();
	}

	private static String blank(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
