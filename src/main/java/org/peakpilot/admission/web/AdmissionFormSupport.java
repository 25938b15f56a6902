package org.peakpilot.admission.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.accounting.Calculation.LineType;
import org.peakpilot.accounting.EmissionsAccounting;
import org.peakpilot.accounting.Factor;
import org.peakpilot.accounting.Product;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.GroupedDecimalEditor;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.Role;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
import org.springframework.context.MessageSource;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;

/**
 * What the application form needs around the posted {@link AdmissionForm}: the choices it offers (counties, parks with
 * their control zone, industries, kinds, line types, factors of accounting's reference data with the units each accepts,
 * products), the prefill for an enterprise user (county and park from the registry), who may file, and refused input
 * placed at its field (row and field named in the reader's language). The controllers of the form and of the review
 * pages share it; it renders nothing itself.
 */
@org.springframework.stereotype.Component
class AdmissionFormSupport {

	/** The kinds of project: new, expansion, revamp (新建、扩建、改建). */
	static final List<String> KINDS = List.of("NEW", "EXPANSION", "REVAMP");

	/** The line types an applicant states (exports are not part of a project's filing). */
	static final List<LineType> LINE_TYPES = List.of(LineType.FUEL, LineType.ELECTRICITY, LineType.HEAT, LineType.CARBONATE,
			LineType.CLINKER, LineType.PROCESS, LineType.CARBON_INPUT, LineType.CARBON_OUTPUT, LineType.CARBON_FIXED);

	/** Units offered per activity unit of a factor, each one the calculator accepts, in this order. */
	static final Map<String, List<String>> UNIT_CHOICES = Map.of("t", List.of("t", "kg"), "10^4 Nm3", List.of("10^4 Nm3", "Nm3"),
			"kWh", List.of("kWh", "MWh", "万kWh"), "GJ", List.of("GJ", "MJ"));

	/** Every unit the form offers, in this order; a line's factor narrows the choice on the page. */
	static final List<String> ALL_UNITS = List.of("t", "kg", "10^4 Nm3", "Nm3", "kWh", "MWh", "万kWh", "GJ", "MJ");

	/** The units of a line without a factor. */
	static final Map<LineType, List<String>> TYPE_UNITS = Map.of(LineType.ELECTRICITY, List.of("kWh", "MWh", "万kWh"), LineType.HEAT,
			List.of("GJ", "MJ", "t"));

	private final EmissionsAccounting accounting;
	private final Registry registry;
	private final MessageSource messages;
	private final Clock clock;
	private final org.peakpilot.accounting.DisplayNames names;

	AdmissionFormSupport(EmissionsAccounting accounting, Registry registry, MessageSource messages, Clock clock,
			org.peakpilot.accounting.DisplayNames names) {
		this.names = names;
		this.accounting = accounting;
		this.registry = registry;
		this.messages = messages;
		this.clock = clock;
	}

	/** Decimals with thousands separators (12,345.6) bind; rows are capped. */
	static void initBinder(WebDataBinder binder) {
		binder.setAutoGrowCollectionLimit(AdmissionForm.MAX_ROWS);
		binder.registerCustomEditor(BigDecimal.class, new GroupedDecimalEditor());
	}

	/** Enterprise users file for their own enterprise, the city office on anyone's behalf; nobody else files. */
	static void requireApplicant() {
		AccessScope.current().requireRole(Role.ENTERPRISE_USER, Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	static boolean isOffice() {
		return AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
	}

	/** The enterprise user's own enterprise, or null for other roles (or a user without one). */
	RegistryModel.Enterprise ownEnterprise() {
		AccessScope scope = AccessScope.current();
		if (!scope.hasRole(Role.ENTERPRISE_USER) || scope.enterprises().isEmpty()) {
			return null;
		}
		return registry.enterprise(scope.enterprises().iterator().next());
	}

	/**
	 * A new form: for an enterprise user its enterprise, county, park and industry from the registry; the assessment
	 * year the current one; one empty fuel line, one electricity line and one product row to start from.
	 */
	AdmissionForm blank() {
		AdmissionForm form = new AdmissionForm();
		form.setKind("NEW");
		form.setYear(Year.now(clock).getValue());
		RegistryModel.Enterprise own = ownEnterprise();
		if (own != null) {
			prefill(form, own);
		}
		form.getLines().add(new AdmissionForm.LineRow("FUEL", null, null, "t"));
		form.getLines().add(new AdmissionForm.LineRow("ELECTRICITY", null, null, "kWh"));
		form.getProducts().add(new AdmissionForm.ProductRow());
		return form;
	}

	/** County, park and industry of the applicant enterprise, from the registry. */
	void prefill(AdmissionForm form, RegistryModel.Enterprise e) {
		form.setEnterprise_id(e.id());
		form.setCounty(e.countyCode());
		form.setIndustry(e.industryCode());
		if (e.parkId() != null) {
			registry.parks().stream().filter(p -> p.id() == e.parkId()).findFirst().ifPresent(p -> form.setPark(p.code()));
		}
	}

	/** An enterprise user's form always names their own enterprise, whatever was posted. */
	void pinApplicant(AdmissionForm form) {
		RegistryModel.Enterprise own = ownEnterprise();
		if (own != null) {
			form.setEnterprise_id(own.id());
		}
		else if (!isOffice()) {
			form.setEnterprise_id(null);
		}
	}

	/** The form's choices and the form itself, with its errors placed at their fields. */
	void model(Model model, AdmissionForm form, List<InputError> errors, Locale locale) {
		model.addAttribute("form", form);
		model.addAttribute("lines", form.lineRows());
		model.addAttribute("productRows", form.productRows());
		model.addAttribute("counties", registry.counties());
		List<RegistryModel.Park> parks = registry.parks();
		model.addAttribute("parks", parks);
		Map<String, RegistryModel.ZoneMembership> zoneOfPark = new LinkedHashMap<>();
		for (RegistryModel.ZoneMembership z : registry.zones()) {
			z.parks().forEach(p -> zoneOfPark.put(p.code(), z));
		}
		model.addAttribute("zoneOfPark", zoneOfPark);
		model.addAttribute("industries", registry.industries());
		model.addAttribute("kinds", KINDS);
		model.addAttribute("lineTypes", LINE_TYPES);
		model.addAttribute("factorGroups", factorGroups());
		model.addAttribute("allUnits", ALL_UNITS);
		model.addAttribute("unitLabels", unitLabels(locale));
		model.addAttribute("typeUnits", typeUnitsText());
		model.addAttribute("products", accounting.products());
		model.addAttribute("isOffice", isOffice());
		RegistryModel.Enterprise own = ownEnterprise();
		model.addAttribute("ownEnterprise", own);
		if (isOffice()) {
			model.addAttribute("enterprises", registry.enterprises(RegistryModel.EnterpriseQuery.ALL));
		}
		List<InputError> shown = errors == null ? List.of() : errors.stream().map(e -> named(e, locale)).toList();
		model.addAttribute("errors", shown.isEmpty() ? null : shown);
		Map<String, String> byField = new LinkedHashMap<>();
		if (errors != null) {
			for (InputError e : errors) {
				if (e.field() != null) {
					byField.putIfAbsent(e.field(), e.message());
				}
			}
		}
		model.addAttribute("fieldErrors", byField);
	}

	/** A factor on the form: code, name in the reader's language, the units it accepts ("t,kg"). */
	record FactorChoice(String code, String nameZh, String nameEn, String units, String activityUnit) {
		public String name(Locale locale) {
			return locale != null && "en".equals(locale.getLanguage()) ? nameEn : nameZh;
		}
	}

	/** Fuels and process factors of accounting's reference data, in their newest versions, grouped by kind. */
	Map<String, List<FactorChoice>> factorGroups() {
		Map<String, List<FactorChoice>> groups = new LinkedHashMap<>();
		groups.put("FUEL", new ArrayList<>());
		groups.put("PROCESS", new ArrayList<>());
		for (Factor f : accounting.factors(EmissionsAccounting.FactorQuery.CURRENT)) {
			// purchased heat is a HEAT line of its own (the calculator applies its factor without a code)
			if (f.kind() != Factor.Kind.FUEL && f.kind() != Factor.Kind.PROCESS || "heat".equals(f.sector())) {
				continue;
			}
			String au = f.activityUnit() == null ? "t" : f.activityUnit();
			List<String> units = UNIT_CHOICES.getOrDefault(au, List.of(au));
			// the Chinese name from accounting's names table (names_zh.csv), as the report form shows it
			groups.get(f.kind().name()).add(new FactorChoice(f.code(), names.nameZh(f), f.nameEn(), String.join(",", units), au));
		}
		return groups;
	}

	private Map<String, String> unitLabels(Locale locale) {
		Map<String, String> labels = new LinkedHashMap<>();
		Map<String, String> keys = Map.of("t", "t", "kg", "kg", "10^4 Nm3", "nm3w", "Nm3", "nm3", "kWh", "kwh", "MWh", "mwh", "万kWh", "wkwh",
				"GJ", "gj", "MJ", "mj");
		for (String u : ALL_UNITS) {
			labels.put(u, messages.getMessage("form.unit." + keys.get(u), null, u, locale));
		}
		return labels;
	}

	private static Map<String, String> typeUnitsText() {
		Map<String, String> m = new LinkedHashMap<>();
		TYPE_UNITS.forEach((t, u) -> m.put(t.name(), String.join(",", u)));
		return m;
	}

	/** Binding failures (letters in a figure) as errors on their fields, the value quoted. */
	static List<InputError> bindingErrors(BindingResult binding) {
		return binding.getFieldErrors().stream().map(f -> InputError.field(f.getField(), f.isBindingFailure()
				? "'" + shorten(f.getRejectedValue()) + "' is not a number" : String.valueOf(f.getDefaultMessage()))).toList();
	}

	static String shorten(Object value) {
		String text = value instanceof String[] a ? String.join(",", a) : String.valueOf(value);
		return text.length() > 40 ? text.substring(0, 40) + "…" : text;
	}

	private static final java.util.regex.Pattern ROW = java.util.regex.Pattern.compile("^(lines|products)\\[(\\d+)]\\.?(.*)$");

	/**
	 * An error with its field as the reader sees it: {@code lines[2].unit} → "活动数据 第 3 行 · 单位",
	 * {@code value_added_10k_cny} → "工业增加值（万元）". The message stays the engine's (the page translates it).
	 */
	InputError named(InputError e, Locale locale) {
		if (e.field() == null || e.field().isBlank()) {
			return e;
		}
		java.util.regex.Matcher m = ROW.matcher(e.field());
		if (m.matches()) {
			int number = Integer.parseInt(m.group(2)) + 1;
			String row = messages.getMessage("admission.form.section." + m.group(1), null, m.group(1), locale) + " "
					+ messages.getMessage("form.row", new Object[] { number }, "row " + number, locale);
			String field = m.group(3).isEmpty() ? "" : " · " + (m.group(1).equals("lines")
					? messages.getMessage("form.field." + m.group(3), null, m.group(3), locale) : fieldName(m.group(3), locale));
			return InputError.field(row + field, e.message());
		}
		return InputError.field(fieldName(e.field(), locale), e.message());
	}

	private String fieldName(String field, Locale locale) {
		return messages.getMessage("admission.field." + field, null, messages.getMessage("form.field." + field, null, field, locale), locale);
	}
}
