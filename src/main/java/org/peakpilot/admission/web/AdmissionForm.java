package org.peakpilot.admission.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.peakpilot.accounting.Calculation;
import org.peakpilot.admission.ProjectInput;
import org.peakpilot.admission.ProjectKind;

/**
 * The application form (申报表) as the page posts it, with the filing's JSON names, so that an error the engine names
 * ({@code lines[2].unit}, {@code value_added_10k_cny}) names the form's field too. The top-level figures keep the
 * JSON's snake_case names through their accessors ({@code getOutput_value_10k_cny}); activity lines take the
 * calculator's names. A value that does not convert (letters in a figure) is a binding error on its field; the bean
 * stays, so the form comes back with everything typed.
 */
public class AdmissionForm {

	/** The most activity lines and products a posted form may grow (the filing's own bound is checked by the engine). */
	static final int MAX_ROWS = 60;

	private String name;
	private Long enterprise_id;
	private String county;
	private String park;
	private String industry;
	private String kind;
	private Integer year;
	private List<ProductRow> products = new ArrayList<>();
	private List<LineRow> lines = new ArrayList<>();
	private BigDecimal output_value_10k_cny;
	private BigDecimal value_added_10k_cny;
	private BigDecimal investment_10k_cny;
	private Integer construction_start_year;
	private Integer commissioning_year;
	private BigDecimal own_renewable_kwh;
	private BigDecimal green_power_kwh;
	private BigDecimal feedstock_tce;
	private BigDecimal recovered_co2_t;
	private BigDecimal substitution_tce;
	private BigDecimal substitution_co2_t;
	private String grid_region;
	private List<String> processes = new ArrayList<>();
	private Boolean major_project;
	private BaselineRow baseline = new BaselineRow();

	/** A revamp's existing plant (the JSON's {@code baseline} object). */
	public static class BaselineRow {
		private BigDecimal co2_t;
		private BigDecimal tce;
		private BigDecimal coal_t;
		private BigDecimal output_value_10k_cny;
		private BigDecimal value_added_10k_cny;

		public BigDecimal getCo2_t() { return co2_t; }
		public void setCo2_t(BigDecimal v) { this.co2_t = v; }
		public BigDecimal getTce() { return tce; }
		public void setTce(BigDecimal v) { this.tce = v; }
		public BigDecimal getCoal_t() { return coal_t; }
		public void setCoal_t(BigDecimal v) { this.coal_t = v; }
		public BigDecimal getOutput_value_10k_cny() { return output_value_10k_cny; }
		public void setOutput_value_10k_cny(BigDecimal v) { this.output_value_10k_cny = v; }
		public BigDecimal getValue_added_10k_cny() { return value_added_10k_cny; }
		public void setValue_added_10k_cny(BigDecimal v) { this.value_added_10k_cny = v; }

		boolean isEmpty() {
			return co2_t == null && tce == null && coal_t == null && output_value_10k_cny == null && value_added_10k_cny == null;
		}
	}

	/** One activity line, the calculator's fields. */
	public static class LineRow {
		private String type;
		private String factorCode;
		private BigDecimal quantity;
		private String unit;
		private BigDecimal greenKwh;
		private BigDecimal fraction;
		private String label;

		public LineRow() {
		}

		LineRow(String type, String factorCode, BigDecimal quantity, String unit) {
			this.type = type;
			this.factorCode = factorCode;
			this.quantity = quantity;
			this.unit = unit;
		}

		public String getType() { return type; }
		public void setType(String type) { this.type = type; }
		public String getFactorCode() { return factorCode; }
		public void setFactorCode(String factorCode) { this.factorCode = factorCode; }
		public BigDecimal getQuantity() { return quantity; }
		public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
		public String getUnit() { return unit; }
		public void setUnit(String unit) { this.unit = unit; }
		public BigDecimal getGreenKwh() { return greenKwh; }
		public void setGreenKwh(BigDecimal greenKwh) { this.greenKwh = greenKwh; }
		public BigDecimal getFraction() { return fraction; }
		public void setFraction(BigDecimal fraction) { this.fraction = fraction; }
		public String getLabel() { return label; }
		public void setLabel(String label) { this.label = label; }

		/** A row nothing was entered in: its type and unit are selects that always post a value, so they do not count. */
		boolean isEmpty() {
			return blank(factorCode) && quantity == null && greenKwh == null && fraction == null && blank(label);
		}
	}

	/** One product: its yearly output at full operation and design capacity. */
	public static class ProductRow {
		private String code;
		private BigDecimal quantity;
		private String unit;
		private BigDecimal capacity;

		public ProductRow() {
		}

		ProductRow(String code, BigDecimal quantity, String unit) {
			this.code = code;
			this.quantity = quantity;
			this.unit = unit;
		}

		public String getCode() { return code; }
		public void setCode(String code) { this.code = code; }
		public BigDecimal getQuantity() { return quantity; }
		public void setQuantity(BigDecimal quantity) { this.quantity = quantity; }
		public String getUnit() { return unit; }
		public void setUnit(String unit) { this.unit = unit; }
		public BigDecimal getCapacity() { return capacity; }
		public void setCapacity(BigDecimal capacity) { this.capacity = capacity; }

		/** A row nothing was entered in (its unit fills in with the product). */
		boolean isEmpty() {
			return blank(code) && quantity == null && capacity == null;
		}
	}

	static boolean blank(String s) {
		return s == null || s.isBlank();
	}

	/** The posted lines without null holes (a form may post lines[0] and lines[5] only). */
	List<LineRow> lineRows() {
		return lines == null ? List.of() : lines.stream().map(l -> l == null ? new LineRow() : l).toList();
	}

	List<ProductRow> productRows() {
		return products == null ? List.of() : products.stream().map(p -> p == null ? new ProductRow() : p).toList();
	}

	/**
	 * The filing's body: empty lines and product rows left out (each kept row remembers its row on the form, so that
	 * an error of the engine names the row as shown), a type or kind that is no known code an error at its field.
	 */
	Bound toInput() {
		List<org.peakpilot.platform.InputError> errors = new ArrayList<>();
		List<Integer> lineRows = new ArrayList<>();
		List<Calculation.Line> calcLines = new ArrayList<>();
		List<LineRow> rows = lineRows();
		for (int i = 0; i < rows.size(); i++) {
			LineRow r = rows.get(i);
			if (r.isEmpty()) {
				continue;
			}
			Calculation.LineType type = null;
			try {
				type = blank(r.type) ? null : Calculation.LineType.valueOf(r.type.strip());
			}
			catch (IllegalArgumentException ex) {
				errors.add(org.peakpilot.platform.InputError.field("lines[" + i + "].type", "unknown line type '" + AdmissionFormSupport.shorten(r.type) + "'"));
			}
			lineRows.add(i);
			calcLines.add(new Calculation.Line(type, blank(r.factorCode) ? null : r.factorCode.strip(), r.quantity, blank(r.unit) ? null : r.unit.strip(),
					null, null, r.greenKwh, r.fraction, null, null, null, null, null, blank(r.label) ? null : r.label.strip()));
		}
		List<Integer> productRowsKept = new ArrayList<>();
		List<ProjectInput.Product> prods = new ArrayList<>();
		List<ProductRow> pr = productRows();
		for (int i = 0; i < pr.size(); i++) {
			ProductRow p = pr.get(i);
			if (p.isEmpty()) {
				continue;
			}
			productRowsKept.add(i);
			prods.add(new ProjectInput.Product(blank(p.code) ? null : p.code.strip(), p.quantity, blank(p.unit) ? null : p.unit.strip(), p.capacity));
		}
		ProjectKind projectKind = null;
		try {
			projectKind = blank(kind) ? null : ProjectKind.valueOf(kind.strip());
		}
		catch (IllegalArgumentException ex) {
			errors.add(org.peakpilot.platform.InputError.field("kind", "unknown kind '" + AdmissionFormSupport.shorten(kind) + "'"));
		}
		ProjectInput.Baseline base = baseline == null || baseline.isEmpty() ? null
				: new ProjectInput.Baseline(baseline.co2_t, baseline.tce, baseline.coal_t, baseline.output_value_10k_cny, baseline.value_added_10k_cny);
		List<String> procs = processes == null ? List.of()
				: processes.stream().filter(x -> !blank(x)).map(String::strip).toList();
		ProjectInput input = new ProjectInput(blank(name) ? null : name.strip(), blank(county) ? null : county.strip(), blank(park) ? null : park.strip(),
				blank(industry) ? null : industry.strip(), projectKind, year, investment_10k_cny, construction_start_year, commissioning_year, prods,
				output_value_10k_cny, value_added_10k_cny, calcLines, blank(grid_region) ? null : grid_region.strip(), own_renewable_kwh,
				green_power_kwh, feedstock_tce, recovered_co2_t, substitution_tce, substitution_co2_t, procs, Boolean.TRUE.equals(major_project), base,
				enterprise_id);
		return new Bound(input, errors, lineRows, productRowsKept);
	}

	/** The body, the errors found before the engine, and each kept line's and product's row on the form. */
	record Bound(ProjectInput input, List<org.peakpilot.platform.InputError> errors, List<Integer> lineRows, List<Integer> productRows) {

		private static final java.util.regex.Pattern INDEXED = java.util.regex.Pattern.compile("^(lines|products)\\[(\\d+)](.*)$");

		/** An error of the engine ({@code lines[1].unit} of the body) named with the form's row ({@code lines[3].unit}). */
		org.peakpilot.platform.InputError onForm(org.peakpilot.platform.InputError e) {
			if (e.field() == null) {
				return e;
			}
			java.util.regex.Matcher m = INDEXED.matcher(e.field());
			if (!m.matches()) {
				return e;
			}
			List<Integer> rows = m.group(1).equals("lines") ? lineRows : productRows;
			int k = Integer.parseInt(m.group(2));
			int shown = k < rows.size() ? rows.get(k) : k;
			return org.peakpilot.platform.InputError.field(m.group(1) + "[" + shown + "]" + m.group(3), e.message());
		}
	}

	/** The form of a stored filing (to edit it). */
	static AdmissionForm of(ProjectInput in) {
		AdmissionForm f = new AdmissionForm();
		f.name = in.name();
		f.enterprise_id = in.enterpriseId();
		f.county = in.county();
		f.park = in.park();
		f.industry = in.industry();
		f.kind = in.kind() == null ? null : in.kind().name();
		f.year = in.year();
		f.investment_10k_cny = in.investment10kCny();
		f.construction_start_year = in.constructionStartYear();
		f.commissioning_year = in.commissioningYear();
		f.output_value_10k_cny = in.outputValue10kCny();
		f.value_added_10k_cny = in.valueAdded10kCny();
		f.grid_region = in.gridRegion();
		f.own_renewable_kwh = in.ownRenewableKwh();
		f.green_power_kwh = in.greenPowerKwh();
		f.feedstock_tce = in.feedstockTce();
		f.recovered_co2_t = in.recoveredCo2T();
		f.substitution_tce = in.substitutionTce();
		f.substitution_co2_t = in.substitutionCo2T();
		f.processes = in.processes() == null ? new ArrayList<>() : new ArrayList<>(in.processes());
		f.major_project = in.majorProject();
		if (in.baseline() != null) {
			f.baseline.co2_t = in.baseline().co2T();
			f.baseline.tce = in.baseline().tce();
			f.baseline.coal_t = in.baseline().coalT();
			f.baseline.output_value_10k_cny = in.baseline().outputValue10kCny();
			f.baseline.value_added_10k_cny = in.baseline().valueAdded10kCny();
		}
		if (in.products() != null) {
			in.products().forEach(p -> {
				ProductRow r = new ProductRow(p.code(), p.quantity(), p.unit());
				r.capacity = p.capacity();
				f.products.add(r);
			});
		}
		if (in.lines() != null) {
			in.lines().forEach(l -> {
				LineRow r = new LineRow(l.type() == null ? null : l.type().name(), l.factorCode(), l.quantity(), l.unit());
				r.greenKwh = l.greenKwh();
				r.fraction = l.fraction();
				r.label = l.label();
				f.lines.add(r);
			});
		}
		return f;
	}

	/** The processes as one text, comma-separated, as the form shows them. */
	public String getProcessesText() {
		return processes == null ? "" : String.join(", ", processes);
	}

	public String getName() { return name; }
	public void setName(String name) { this.name = name; }
	public Long getEnterprise_id() { return enterprise_id; }
	public void setEnterprise_id(Long enterprise_id) { this.enterprise_id = enterprise_id; }
	public String getCounty() { return county; }
	public void setCounty(String county) { this.county = county; }
	public String getPark() { return park; }
	public void setPark(String park) { this.park = park; }
	public String getIndustry() { return industry; }
	public void setIndustry(String industry) { this.industry = industry; }
	public String getKind() { return kind; }
	public void setKind(String kind) { this.kind = kind; }
	public Integer getYear() { return year; }
	public void setYear(Integer year) { this.year = year; }
	public List<ProductRow> getProducts() { return products; }
	public void setProducts(List<ProductRow> products) { this.products = products; }
	public List<LineRow> getLines() { return lines; }
	public void setLines(List<LineRow> lines) { this.lines = lines; }
	public BigDecimal getOutput_value_10k_cny() { return output_value_10k_cny; }
	public void setOutput_value_10k_cny(BigDecimal v) { this.output_value_10k_cny = v; }
	public BigDecimal getValue_added_10k_cny() { return value_added_10k_cny; }
	public void setValue_added_10k_cny(BigDecimal v) { this.value_added_10k_cny = v; }
	public BigDecimal getInvestment_10k_cny() { return investment_10k_cny; }
	public void setInvestment_10k_cny(BigDecimal v) { this.investment_10k_cny = v; }
	public Integer getConstruction_start_year() { return construction_start_year; }
	public void setConstruction_start_year(Integer v) { this.construction_start_year = v; }
	public Integer getCommissioning_year() { return commissioning_year; }
	public void setCommissioning_year(Integer v) { this.commissioning_year = v; }
	public BigDecimal getOwn_renewable_kwh() { return own_renewable_kwh; }
	public void setOwn_renewable_kwh(BigDecimal v) { this.own_renewable_kwh = v; }
	public BigDecimal getGreen_power_kwh() { return green_power_kwh; }
	public void setGreen_power_kwh(BigDecimal v) { this.green_power_kwh = v; }
	public BigDecimal getFeedstock_tce() { return feedstock_tce; }
	public void setFeedstock_tce(BigDecimal v) { this.feedstock_tce = v; }
	public BigDecimal getRecovered_co2_t() { return recovered_co2_t; }
	public void setRecovered_co2_t(BigDecimal v) { this.recovered_co2_t = v; }
	public BigDecimal getSubstitution_tce() { return substitution_tce; }
	public void setSubstitution_tce(BigDecimal v) { this.substitution_tce = v; }
	public BigDecimal getSubstitution_co2_t() { return substitution_co2_t; }
	public void setSubstitution_co2_t(BigDecimal v) { this.substitution_co2_t = v; }
	public String getGrid_region() { return grid_region; }
	public void setGrid_region(String v) { this.grid_region = v; }
	public List<String> getProcesses() { return processes; }
	public void setProcesses(List<String> v) { this.processes = v; }
	public Boolean getMajor_project() { return major_project; }
	public void setMajor_project(Boolean v) { this.major_project = v; }
	public BaselineRow getBaseline() { return baseline; }
	public void setBaseline(BaselineRow v) { this.baseline = v; }
}
