package org.peakpilot.inclusive.web;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.peakpilot.inclusive.internal.Methodologies;
import org.peakpilot.inclusive.internal.Methodologies.FactorForm;
import org.peakpilot.inclusive.internal.Methodologies.MethodologyForm;
import org.peakpilot.inclusive.internal.Methodology;
import org.peakpilot.inclusive.internal.Partners;
import org.peakpilot.inclusive.internal.Scenes;
import org.peakpilot.inclusive.internal.TripMode;
import org.peakpilot.inclusive.internal.TripRecords;
import org.peakpilot.inclusive.internal.TripSettings;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The office's pages of the scheme's trips and scenes (碳普惠): methodologies and their versions, partners (their user
 * and signing secret, shown once), scenes with their QR codes, and the review of flagged trips.
 */
@Controller
class InclusiveTripOfficePages {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final Methodologies methodologies;
	private final Partners partners;
	private final Scenes scenes;
	private final TripRecords trips;
	private final TripSettings settings;
	private final Clock clock;

	InclusiveTripOfficePages(Methodologies methodologies, Partners partners, Scenes scenes, TripRecords trips, TripSettings settings, Clock clock) {
		this.methodologies = methodologies;
		this.partners = partners;
		this.scenes = scenes;
		this.trips = trips;
		this.settings = settings;
		this.clock = clock;
	}

	// ---- methodologies

	@GetMapping("/inclusive/office/methodologies")
	String methodologies(Model model) {
		List<Methodology> all = methodologies.all();
		model.addAttribute("methodologies", all);
		Map<Long, Long> used = new java.util.HashMap<>();
		all.forEach(m -> used.put(m.id(), methodologies.used(m.id())));
		model.addAttribute("used", used);
		model.addAttribute("settings", settings);
		model.addAttribute("modes", TripMode.tripModes());
		model.addAttribute("canEdit", AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER));
		return "inclusive/trips/methodologies";
	}

	/** One mode's row of the new-version form (a class: the form binds it by index). */
	public static class FactorRow {
		private TripMode mode;
		private Methodology.Basis basis;
		private BigDecimal baseline;
		private String baselineSource;
		private String baselineTag;
		private BigDecimal value;
		private String valueSource;
		private String valueTag;
		private String borrowedFrom;
		private boolean include = true;

		public TripMode getMode() { return mode; }
		public void setMode(TripMode mode) { this.mode = mode; }
		public Methodology.Basis getBasis() { return basis; }
		public void setBasis(Methodology.Basis basis) { this.basis = basis; }
		public BigDecimal getBaseline() { return baseline; }
		public void setBaseline(BigDecimal baseline) { this.baseline = baseline; }
		public String getBaselineSource() { return baselineSource; }
		public void setBaselineSource(String baselineSource) { this.baselineSource = baselineSource; }
		public String getBaselineTag() { return baselineTag; }
		public void setBaselineTag(String baselineTag) { this.baselineTag = baselineTag; }
		public BigDecimal getValue() { return value; }
		public void setValue(BigDecimal value) { this.value = value; }
		public String getValueSource() { return valueSource; }
		public void setValueSource(String valueSource) { this.valueSource = valueSource; }
		public String getValueTag() { return valueTag; }
		public void setValueTag(String valueTag) { this.valueTag = valueTag; }
		public String getBorrowedFrom() { return borrowedFrom; }
		public void setBorrowedFrom(String borrowedFrom) { this.borrowedFrom = borrowedFrom; }
		public boolean isInclude() { return include; }
		public void setInclude(boolean include) { this.include = include; }

		static FactorRow of(Methodology.Factor f) {
			FactorRow r = new FactorRow();
			r.mode = f.mode();
			r.basis = f.basis();
			r.baseline = f.baseline();
			r.baselineSource = f.baselineSource();
			r.baselineTag = f.baselineTag();
			r.value = f.value();
			r.valueSource = f.valueSource();
			r.valueTag = f.valueTag();
			r.borrowedFrom = f.borrowedFrom();
			return r;
		}
	}

	/** The new-version form. */
	public static class VersionForm {
		private String code;
		private Methodology.Kind kind;
		private String nameZh;
		private String nameEn;
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
		private LocalDate validFrom;
		private String note;
		private List<FactorRow> factors = new ArrayList<>();

		public String getCode() { return code; }
		public void setCode(String code) { this.code = code; }
		public Methodology.Kind getKind() { return kind; }
		public void setKind(Methodology.Kind kind) { this.kind = kind; }
		public String getNameZh() { return nameZh; }
		public void setNameZh(String nameZh) { this.nameZh = nameZh; }
		public String getNameEn() { return nameEn; }
		public void setNameEn(String nameEn) { this.nameEn = nameEn; }
		public LocalDate getValidFrom() { return validFrom; }
		public void setValidFrom(LocalDate validFrom) { this.validFrom = validFrom; }
		public String getNote() { return note; }
		public void setNote(String note) { this.note = note; }
		public List<FactorRow> getFactors() { return factors; }
		public void setFactors(List<FactorRow> factors) { this.factors = factors; }
	}

	@GetMapping("/inclusive/office/methodologies/new")
	String newVersion(@RequestParam(required = false) String code, Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		VersionForm form = new VersionForm();
		List<Methodology> versions = code == null ? List.of() : methodologies.versions(code);
		LocalDate today = LocalDate.now(clock.withZone(BEIJING));
		if (!versions.isEmpty()) {
			Methodology latest = versions.get(versions.size() - 1);
			form.setCode(latest.code());
			form.setKind(latest.kind());
			form.setNameZh(latest.nameZh());
			form.setNameEn(latest.nameEn());
			form.setValidFrom(latest.validFrom().isAfter(today) ? latest.validFrom() : today);
			latest.factors().forEach(f -> form.getFactors().add(FactorRow.of(f)));
		}
		else {
			form.setKind(Methodology.Kind.TRAVEL);
			form.setValidFrom(today);
			for (TripMode m : TripMode.tripModes()) {
				FactorRow r = new FactorRow();
				r.setMode(m);
				r.setBasis(Methodology.Basis.BASELINE_MINUS_MODE);
				form.getFactors().add(r);
			}
		}
		model.addAttribute("form", model.containsAttribute("form") ? model.getAttribute("form") : form);
		model.addAttribute("latest", versions.isEmpty() ? null : versions.get(versions.size() - 1));
		model.addAttribute("bases", Methodology.Basis.values());
		model.addAttribute("modes", TripMode.values());
		return "inclusive/trips/methodology-form";
	}

	@PostMapping("/inclusive/office/methodologies")
	@BackTo("/inclusive/office/methodologies")
	String createVersion(VersionForm form, RedirectAttributes redirect) {
		List<FactorForm> factors = form.getFactors().stream().filter(r -> r != null && r.isInclude())
			.map(r -> new FactorForm(r.getMode(), r.getBasis(), r.getBaseline(), r.getBaselineSource(), r.getBaselineTag(), r.getValue(),
					r.getValueSource(), r.getValueTag(), r.getBorrowedFrom()))
			.toList();
		Methodology m = methodologies.create(new MethodologyForm(form.getCode(), form.getKind(), form.getNameZh(), form.getNameEn(),
				form.getValidFrom(), form.getNote(), factors));
		redirect.addFlashAttribute("created", m.label());
		return "redirect:/inclusive/office/methodologies#m-" + m.id();
	}

	// ---- partners

	@GetMapping("/inclusive/office/partners")
	String partners(Model model) {
		model.addAttribute("partners", partners.list());
		model.addAttribute("kinds", Partners.Kind.values());
		model.addAttribute("canCreate", AccessScope.current().hasRole(Role.CITY_ADMIN));
		model.addAttribute("canRotate", AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER));
		return "inclusive/trips/partners";
	}

	@PostMapping("/inclusive/office/partners")
	@BackTo(value = "/inclusive/office/partners", keep = { "code", "name", "kind", "countyCode", "username" })
	String createPartner(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) Partners.Kind kind, @RequestParam(required = false) String countyCode,
			@RequestParam(required = false) String username, Model model) {
		Partners.CreatedPartner created = partners.create(new Partners.PartnerForm(code, name, kind, countyCode, username));
		model.addAttribute("created", created);
		return "inclusive/trips/partner-created";
	}

	@PostMapping("/inclusive/office/partners/{id}/secret")
	@BackTo("/inclusive/office/partners")
	String rotateSecret(@PathVariable long id, Model model) {
		String secret = partners.rotateSecret(id);
		model.addAttribute("partner", partners.get(id));
		model.addAttribute("secret", secret);
		return "inclusive/trips/partner-created";
	}

	// ---- scenes

	@GetMapping("/inclusive/office/scenes")
	String scenes(Model model) {
		model.addAttribute("scenes", scenes.list());
		model.addAttribute("kinds", Scenes.Kind.values());
		model.addAttribute("partners", partners.list());
		model.addAttribute("checkInCodes", methodologies.all().stream().filter(m -> m.kind() == Methodology.Kind.CHECK_IN)
			.map(Methodology::code).distinct().toList());
		model.addAttribute("today", LocalDate.now(clock.withZone(BEIJING)));
		model.addAttribute("canRegister", AccessScope.current().hasRole(Role.CITY_ADMIN, Role.CITY_OFFICER));
		return "inclusive/trips/scenes";
	}

	@PostMapping("/inclusive/office/scenes")
	@BackTo(value = "/inclusive/office/scenes", keep = { "code", "name", "kind", "partnerId", "methodologyCode", "opensOn", "closesOn" })
	String registerScene(@RequestParam(required = false) String code, @RequestParam(required = false) String name,
			@RequestParam(required = false) Scenes.Kind kind, @RequestParam(required = false) Long partnerId,
			@RequestParam(required = false) String methodologyCode,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate opensOn,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate closesOn, RedirectAttributes redirect) {
		Scenes.Scene s = scenes.register(new Scenes.SceneForm(code, name, kind, partnerId, methodologyCode, opensOn, closesOn));
		redirect.addFlashAttribute("registered", s.code());
		return "redirect:/inclusive/office/scenes#scene-" + s.id();
	}

	@GetMapping("/inclusive/office/scenes/{id}/qr.png")
	ResponseEntity<byte[]> qr(@PathVariable long id, HttpServletRequest request) {
		Scenes.Scene s = scenes.get(id);
		String base = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
		return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).cacheControl(CacheControl.noStore()).body(scenes.qrPng(s, base));
	}

	// ---- anomalies

	@GetMapping("/inclusive/office/anomalies")
	String anomalies(Model model) {
		AccessScope.current().requireRole(Role.CITY_ADMIN, Role.CITY_OFFICER);
		model.addAttribute("trips", trips.flagged(500));
		model.addAttribute("partners", partners.list().stream().collect(java.util.stream.Collectors.toMap(Partners.Partner::id, Partners.Partner::name)));
		model.addAttribute("settings", settings);
		return "inclusive/trips/anomalies";
	}

	@PostMapping("/inclusive/office/anomalies/{id}/accept")
	@BackTo("/inclusive/office/anomalies")
	String accept(@PathVariable long id, RedirectAttributes redirect) {
		TripRecords.StoredTrip t = trips.accept(id);
		redirect.addFlashAttribute("accepted", t.externalId());
		return "redirect:/inclusive/office/anomalies";
	}

	@PostMapping("/inclusive/office/anomalies/{id}/reject")
	@BackTo("/inclusive/office/anomalies")
	String reject(@PathVariable long id, RedirectAttributes redirect) {
		TripRecords.StoredTrip t = trips.reject(id);
		redirect.addFlashAttribute("rejected", t.externalId());
		return "redirect:/inclusive/office/anomalies";
	}
}
