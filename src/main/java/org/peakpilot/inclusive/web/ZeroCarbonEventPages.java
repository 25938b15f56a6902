package org.peakpilot.inclusive.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.peakpilot.inclusive.internal.EventCategory;
import org.peakpilot.inclusive.internal.EventFactors;
import org.peakpilot.inclusive.internal.ZeroCarbonEvents;
import org.peakpilot.platform.BackTo;
import org.peakpilot.registry.Registry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Zero-carbon events' pages: an organiser's (PARTNER) at {@code /inclusive/partner/events}, the office's at
 * {@code /inclusive/office/events} (with the event factors and their sourced defaults), and the public certificate at
 * {@code /public/inclusive/events/{serial}}. One list and one event template serve both signed-in sides; the store
 * decides whose events the caller reaches.
 */
@Controller
class ZeroCarbonEventPages {

	static final String PARTNER = "/inclusive/partner/events";
	static final String OFFICE = "/inclusive/office/events";

	private final ZeroCarbonEvents events;
	private final EventFactors factors;
	private final Registry registry;

	ZeroCarbonEventPages(ZeroCarbonEvents events, EventFactors factors, Registry registry) {
		this.events = events;
		this.factors = factors;
		this.registry = registry;
	}

	/** The event form's fields. */
	record EventFormFields(Long organiserId, String name, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startsOn,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endsOn, String venue, String countyCode, Boolean donationsOpen) {

		ZeroCarbonEvents.EventInput input() {
			return new ZeroCarbonEvents.EventInput(organiserId, name, startsOn, endsOn, venue, countyCode, donationsOpen);
		}
	}

	/** A footprint line's fields. */
	record LineFormFields(String item, BigDecimal quantity, String unit, String label) {
	}

	/** The offset form: ticket serials one per line (or separated by commas or spaces), points of the pool. */
	record OffsetFormFields(String ticketSerials, Long points) {

		List<String> serials() {
			return ticketSerials == null || ticketSerials.isBlank() ? List.of()
					: Arrays.stream(ticketSerials.split("[\\s,，]+")).filter(s -> !s.isBlank()).toList();
		}
	}

	/** A sourced default's fields. */
	record DefaultFormFields(BigDecimal kgCo2PerUnit, String source) {
	}

	// ------------------------------------------------------------ lists

	@GetMapping(PARTNER)
	String partnerList(Model model) {
		return list(model, PARTNER, false);
	}

	@GetMapping(OFFICE)
	String officeList(Model model) {
		return list(model, OFFICE, true);
	}

	private String list(Model model, String base, boolean office) {
		model.addAttribute("rows", events.list());
		model.addAttribute("base", base);
		model.addAttribute("office", office);
		if (office) {
			model.addAttribute("organisers", events.organisers());
		}
		common(model);
		return "inclusive/events/list";
	}

	@PostMapping(PARTNER)
	@BackTo(value = PARTNER, keep = { "name", "startsOn", "endsOn", "venue", "countyCode" })
	String partnerCreate(@ModelAttribute EventFormFields form, RedirectAttributes redirect) {
		return "redirect:" + PARTNER + "/" + events.create(form.input()).id();
	}

	@PostMapping(OFFICE)
	@BackTo(value = OFFICE, keep = { "organiserId", "name", "startsOn", "endsOn", "venue", "countyCode" })
	String officeCreate(@ModelAttribute EventFormFields form, RedirectAttributes redirect) {
		return "redirect:" + OFFICE + "/" + events.create(form.input()).id();
	}

	// ------------------------------------------------------------ one event

	@GetMapping(PARTNER + "/{id}")
	String partnerEvent(@PathVariable long id, Model model) {
		return event(id, model, PARTNER);
	}

	@GetMapping(OFFICE + "/{id}")
	String officeEvent(@PathVariable long id, Model model) {
		return event(id, model, OFFICE);
	}

	private String event(long id, Model model, String base) {
		ZeroCarbonEvents.Event e = events.event(id);
		model.addAttribute("e", e);
		model.addAttribute("base", base);
		model.addAttribute("factors", factors.current());
		model.addAttribute("byCategory", e.footprint().lines().stream().collect(Collectors.groupingBy(ZeroCarbonEvents.FootprintLine::category)));
		common(model);
		return "inclusive/events/event";
	}

	@PostMapping(PARTNER + "/{id}/lines")
	@BackTo(value = PARTNER + "/{id}#add-line", keep = { "item", "quantity", "unit", "label" })
	String partnerAddLine(@PathVariable long id, @ModelAttribute LineFormFields form) {
		events.addLine(id, new ZeroCarbonEvents.LineInput(form.item(), form.quantity(), form.unit(), form.label()));
		return "redirect:" + PARTNER + "/" + id + "#footprint";
	}

	@PostMapping(OFFICE + "/{id}/lines")
	@BackTo(value = OFFICE + "/{id}#add-line", keep = { "item", "quantity", "unit", "label" })
	String officeAddLine(@PathVariable long id, @ModelAttribute LineFormFields form) {
		events.addLine(id, new ZeroCarbonEvents.LineInput(form.item(), form.quantity(), form.unit(), form.label()));
		return "redirect:" + OFFICE + "/" + id + "#footprint";
	}

	@PostMapping(PARTNER + "/{id}/lines/{lineId}/remove")
	@BackTo(PARTNER + "/{id}#footprint")
	String partnerRemoveLine(@PathVariable long id, @PathVariable long lineId) {
		events.removeLine(id, lineId);
		return "redirect:" + PARTNER + "/" + id + "#footprint";
	}

	@PostMapping(OFFICE + "/{id}/lines/{lineId}/remove")
	@BackTo(OFFICE + "/{id}#footprint")
	String officeRemoveLine(@PathVariable long id, @PathVariable long lineId) {
		events.removeLine(id, lineId);
		return "redirect:" + OFFICE + "/" + id + "#footprint";
	}

	@PostMapping(PARTNER + "/{id}/offset")
	@BackTo(value = PARTNER + "/{id}#offset", rule = "offset", keep = { "ticketSerials", "points" })
	String partnerOffset(@PathVariable long id, @ModelAttribute OffsetFormFields form, RedirectAttributes redirect) {
		events.offset(id, new ZeroCarbonEvents.OffsetInput(form.serials(), form.points()));
		redirect.addFlashAttribute("neutralised", true);
		return "redirect:" + PARTNER + "/" + id;
	}

	@PostMapping(OFFICE + "/{id}/offset")
	@BackTo(value = OFFICE + "/{id}#offset", rule = "offset", keep = { "ticketSerials", "points" })
	String officeOffset(@PathVariable long id, @ModelAttribute OffsetFormFields form, RedirectAttributes redirect) {
		events.offset(id, new ZeroCarbonEvents.OffsetInput(form.serials(), form.points()));
		redirect.addFlashAttribute("neutralised", true);
		return "redirect:" + OFFICE + "/" + id;
	}

	// ------------------------------------------------------------ factors (office)

	@GetMapping(OFFICE + "/factors")
	String factors(Model model) {
		model.addAttribute("factors", factors.current());
		common(model);
		return "inclusive/events/factors";
	}

	@PostMapping(OFFICE + "/factors/{code}")
	@BackTo(value = OFFICE + "/factors#f-{code}", keep = { "kgCo2PerUnit", "source" })
	String enterDefault(@PathVariable String code, @ModelAttribute DefaultFormFields form, RedirectAttributes redirect) {
		factors.enterSourcedDefault(code, form.kgCo2PerUnit(), form.source());
		redirect.addFlashAttribute("saved", code);
		return "redirect:" + OFFICE + "/factors";
	}

	// ------------------------------------------------------------ the public certificate

	@GetMapping("/public/inclusive/events/{serial}")
	String certificate(@PathVariable String serial, Model model) {
		ZeroCarbonEvents.Event e = events.certificate(serial);
		model.addAttribute("e", e);
		model.addAttribute("tickets", e.offsets().stream().filter(o -> o.ticketSerial() != null).map(ZeroCarbonEvents.Offset::ticketSerial).toList());
		model.addAttribute("points", e.offsets().stream().filter(o -> o.points() != null).mapToLong(ZeroCarbonEvents.Offset::points).sum());
		model.addAttribute("byCategory", e.footprint().lines().stream().collect(Collectors.groupingBy(ZeroCarbonEvents.FootprintLine::category)));
		common(model);
		return "inclusive/events/certificate";
	}

	private void common(Model model) {
		model.addAttribute("categories", EventCategory.values());
		Map<String, String> names = registry.counties().stream().collect(Collectors.toMap(c -> c.code(), c -> c.nameZh(), (a, b) -> a));
		model.addAttribute("counties", registry.counties());
		model.addAttribute("countyNames", names);
	}
}
