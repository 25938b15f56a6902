package org.peakpilot.inclusive.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;
import org.peakpilot.inclusive.internal.ForestryProjects;
import org.peakpilot.inclusive.internal.ForestryProjects.Parcel;
import org.peakpilot.inclusive.internal.ForestryProjects.ProjectInput;
import org.peakpilot.inclusive.internal.ForestryProjects.Species;
import org.peakpilot.inclusive.internal.ForestryProjects.YearIncrement;
import org.peakpilot.inclusive.internal.TicketRegistry;
import org.peakpilot.inclusive.internal.TicketRegistry.DocumentKind;
import org.peakpilot.inclusive.internal.TicketRegistry.HolderKind;
import org.peakpilot.inclusive.internal.TicketRegistry.LotStatus;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.registry.Registry;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The forestry carbon tickets' office pages (林业碳票, /inclusive/office/forestry/**): projects with their workflow
 * actions, tickets by lot with transfer, pledge and retire forms, pledges, and the trade history with its price chart.
 * For the forestry bureau's officer and the city's roles (the services check the role).
 */
@Controller
class ForestryTicketPages {

	private final ForestryProjects projects;
	private final TicketRegistry tickets;
	private final Registry registry;
	private final JsonMapper json;

	ForestryTicketPages(ForestryProjects projects, TicketRegistry tickets, Registry registry, JsonMapper json) {
		this.projects = projects;
		this.tickets = tickets;
		this.registry = registry;
		this.json = json;
	}

	@GetMapping("/inclusive/office/forestry")
	String list(@RequestParam(required = false) ForestryProjects.Status status, Model model) {
		model.addAttribute("projects", projects.list(status, 200, 0));
		model.addAttribute("status", status);
		model.addAttribute("statuses", ForestryProjects.Status.values());
		common(model);
		return "inclusive/forestry/projects";
	}

	@GetMapping("/inclusive/office/forestry/projects/new")
	String newForm(Model model) {
		projects.list(null, 1, 0); // the role check
		common(model);
		model.addAttribute("species", Species.values());
		model.addAttribute("ownerKinds", Arrays.stream(HolderKind.values()).filter(k -> k != HolderKind.EVENT_ORGANISER).toList());
		return "inclusive/forestry/form";
	}

	@PostMapping("/inclusive/office/forestry/projects")
	@BackTo(value = "/inclusive/office/forestry/projects/new", keep = { "name", "countyCode", "ownerName", "ownerKind", "periodStart", "periodEnd",
			"periodNo", "methodCode", "parcels", "increments" })
	String create(@RequestParam(required = false) String name, @RequestParam(required = false) String countyCode,
			@RequestParam(required = false) String ownerName, @RequestParam(required = false) HolderKind ownerKind,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate periodStart,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate periodEnd,
			@RequestParam(required = false) Integer periodNo, @RequestParam(required = false) String methodCode,
			@RequestParam(required = false) String parcels, @RequestParam(required = false) String increments, RedirectAttributes redirect) {
		List<InputError> errors = new ArrayList<>();
		List<Parcel> parcelList = parcels(parcels, errors);
		List<YearIncrement> incrementList = increments(increments, errors);
		if (!errors.isEmpty()) {
			throw new InvalidInputException(errors);
		}
		var p = projects.create(new ProjectInput(name, countyCode, ownerName, ownerKind, periodStart, periodEnd, periodNo, methodCode, parcelList, incrementList));
		redirect.addFlashAttribute("done", "created");
		return "redirect:/inclusive/office/forestry/projects/" + p.id();
	}

	@GetMapping("/inclusive/office/forestry/projects/{id}")
	String project(@PathVariable long id, Model model) {
		model.addAttribute("p", projects.get(id));
		model.addAttribute("documentKinds", DocumentKind.values());
		common(model);
		return "inclusive/forestry/project";
	}

	@PostMapping("/inclusive/office/forestry/projects/{id}/submit")
	@BackTo("/inclusive/office/forestry/projects/{id}")
	String submit(@PathVariable long id, @RequestParam(required = false) String comment, RedirectAttributes redirect) {
		projects.submit(id, comment);
		return done(redirect, id, "submitted");
	}

	@PostMapping("/inclusive/office/forestry/projects/{id}/verification")
	@BackTo(value = "/inclusive/office/forestry/projects/{id}", keep = { "verifierName", "reference", "verifiedOn", "verifiedIncrement" })
	String verify(@PathVariable long id, @RequestParam(required = false) String verifierName, @RequestParam(required = false) String reference,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate verifiedOn,
			@RequestParam(required = false) BigDecimal verifiedIncrement, RedirectAttributes redirect) {
		projects.verify(id, new ForestryProjects.Verification(verifierName, reference, verifiedOn, verifiedIncrement));
		return done(redirect, id, "verified");
	}

	@PostMapping("/inclusive/office/forestry/projects/{id}/approval")
	@BackTo(value = "/inclusive/office/forestry/projects/{id}", keep = { "approvedBy", "approvalReference", "approvedOn" })
	String approve(@PathVariable long id, @RequestParam(required = false) String approvedBy, @RequestParam(required = false) String approvalReference,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate approvedOn, RedirectAttributes redirect) {
		projects.approve(id, new ForestryProjects.Approval(approvedBy, approvalReference, approvedOn));
		return done(redirect, id, "approved");
	}

	@PostMapping("/inclusive/office/forestry/projects/{id}/rejection")
	@BackTo(value = "/inclusive/office/forestry/projects/{id}", keep = { "reason" })
	String reject(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
		projects.reject(id, reason);
		return done(redirect, id, "rejected");
	}

	@PostMapping("/inclusive/office/forestry/projects/{id}/issuance")
	@BackTo("/inclusive/office/forestry/projects/{id}")
	String issue(@PathVariable long id, RedirectAttributes redirect) {
		projects.issue(id);
		return done(redirect, id, "issued");
	}

	@PostMapping("/inclusive/office/forestry/projects/{id}/documents")
	@BackTo("/inclusive/office/forestry/projects/{id}")
	String upload(@PathVariable long id, @RequestParam(required = false) DocumentKind kind, @RequestParam(required = false) MultipartFile file,
			RedirectAttributes redirect) throws IOException {
		tickets.attach(id, null, kind, file == null || file.isEmpty() ? null : file.getOriginalFilename(), file == null ? null : file.getBytes());
		return done(redirect, id, "uploaded");
	}

	@GetMapping("/inclusive/office/forestry/documents/{id}")
	ResponseEntity<byte[]> document(@PathVariable long id) {
		TicketRegistry.DocumentContent d = tickets.document(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.contentType())).body(d.bytes());
	}

	@GetMapping("/inclusive/office/forestry/tickets")
	String tickets(@RequestParam(required = false, name = "holder") Long holderId, @RequestParam(required = false) LotStatus status, Model model) {
		model.addAttribute("holders", tickets.holders());
		model.addAttribute("lots", tickets.lots(holderId, status, 300, 0));
		model.addAttribute("pledges", tickets.pledges(100));
		model.addAttribute("holderId", holderId);
		model.addAttribute("status", status);
		model.addAttribute("statuses", LotStatus.values());
		model.addAttribute("holderKinds", HolderKind.values());
		common(model);
		return "inclusive/forestry/tickets";
	}

	@PostMapping("/inclusive/office/forestry/tickets/transfer")
	@BackTo(value = "/inclusive/office/forestry/tickets", keep = { "lotId", "quantity", "toHolderName", "price", "tradedOn" })
	String transfer(@RequestParam(required = false) Long lotId, @RequestParam(required = false) Long quantity,
			@RequestParam(required = false) String toHolderName, @RequestParam(required = false) HolderKind toHolderKind,
			@RequestParam(required = false) BigDecimal price, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate tradedOn,
			@RequestParam(required = false) String memo, RedirectAttributes redirect) {
		var t = tickets.transfer(new TicketRegistry.TransferOrder(new TicketRegistry.Selection(lotId, quantity, null), toHolderName, toHolderKind, price,
				tradedOn, memo));
		redirect.addFlashAttribute("done", "transferred");
		redirect.addFlashAttribute("doneId", t.id());
		return "redirect:/inclusive/office/forestry/tickets";
	}

	@PostMapping("/inclusive/office/forestry/tickets/pledge")
	@BackTo(value = "/inclusive/office/forestry/tickets", keep = { "lotId", "quantity", "pledgeeBank", "loanReference", "loanCny", "pledgedOn" })
	String pledge(@RequestParam(required = false) Long lotId, @RequestParam(required = false) Long quantity,
			@RequestParam(required = false) String pledgeeBank, @RequestParam(required = false) String loanReference,
			@RequestParam(required = false) BigDecimal loanCny, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate pledgedOn,
			RedirectAttributes redirect) {
		var p = tickets.pledge(new TicketRegistry.PledgeOrder(new TicketRegistry.Selection(lotId, quantity, null), pledgeeBank, loanReference, loanCny,
				pledgedOn));
		redirect.addFlashAttribute("done", "pledged");
		redirect.addFlashAttribute("doneId", p.id());
		return "redirect:/inclusive/office/forestry/tickets";
	}

	@PostMapping("/inclusive/office/forestry/pledges/{id}/release")
	@BackTo("/inclusive/office/forestry/tickets")
	String release(@PathVariable long id, @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate releasedOn,
			RedirectAttributes redirect) {
		tickets.release(id, releasedOn);
		redirect.addFlashAttribute("done", "released");
		redirect.addFlashAttribute("doneId", id);
		return "redirect:/inclusive/office/forestry/tickets";
	}

	@PostMapping("/inclusive/office/forestry/tickets/retire")
	@BackTo(value = "/inclusive/office/forestry/tickets", keep = { "lotId", "quantity", "serials", "beneficiary", "purpose", "reference" })
	String retire(@RequestParam(required = false) Long lotId, @RequestParam(required = false) Long quantity, @RequestParam(required = false) String serials,
			@RequestParam(required = false) String beneficiary, @RequestParam(required = false) String purpose,
			@RequestParam(required = false) String reference, RedirectAttributes redirect) {
		List<String> list = serials == null || serials.isBlank() ? null
				: Arrays.stream(serials.split("[\\s,;]+")).filter(s -> !s.isBlank()).limit(TicketRegistry.MAX_SERIALS + 1L).toList();
		AccessScope.current().requireRole(Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER);
		var r = tickets.retire(new TicketRegistry.Selection(list == null ? lotId : null, list == null ? quantity : null, list), beneficiary, purpose,
				reference);
		redirect.addFlashAttribute("done", "retired");
		redirect.addFlashAttribute("doneId", r.id());
		return "redirect:/inclusive/office/forestry/tickets";
	}

	@GetMapping("/inclusive/office/forestry/trades")
	String trades(@RequestParam(required = false) ForestryTicketApi.TradeKind kind, Model model) throws IOException {
		List<TicketRegistry.Trade> trades = tickets.trades(kind == null ? null : kind.name(), 500, 0);
		model.addAttribute("trades", trades);
		model.addAttribute("kind", kind);
		model.addAttribute("kinds", ForestryTicketApi.TradeKind.values());
		List<Map<String, Object>> prices = new ArrayList<>();
		List<TicketRegistry.Trade> transfers = new ArrayList<>(tickets.trades("TRANSFER", 500, 0));
		java.util.Collections.reverse(transfers);
		transfers.forEach(t -> {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("on", t.tradedOn().toString());
			m.put("price", t.priceCnyPerT());
			m.put("tonnes", t.tonnes());
			prices.add(m);
		});
		model.addAttribute("priceJson", json.writeValueAsString(Map.of("transfers", prices)).replace("</", "<\\/"));
		common(model);
		return "inclusive/forestry/trades";
	}

	private void common(Model model) {
		model.addAttribute("counties", registry.counties());
		Map<String, String> names = new LinkedHashMap<>();
		registry.counties().forEach(c -> names.put(c.code(), c.nameZh()));
		model.addAttribute("countyNames", names);
	}

	private static String done(RedirectAttributes redirect, long id, String what) {
		redirect.addFlashAttribute("done", what);
		return "redirect:/inclusive/office/forestry/projects/" + id;
	}

	/** Parcels as lines "certificate, area 亩, species, location". */
	static List<Parcel> parcels(String text, List<InputError> errors) {
		List<Parcel> out = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return out;
		}
		String[] lines = text.strip().split("\\R");
		if (lines.length > ForestryProjects.MAX_PARCELS) {
			errors.add(InputError.field("parcels", "at most " + ForestryProjects.MAX_PARCELS + " parcels"));
			return out;
		}
		for (int i = 0; i < lines.length; i++) {
			String[] f = lines[i].split("[,，\\t]", -1);
			if (f.length < 3) {
				errors.add(InputError.field("parcels[" + i + "]", "write certificate number, area (亩), species and (optionally) location, separated by commas"));
				continue;
			}
			BigDecimal area = null;
			try {
				area = new BigDecimal(f[1].strip());
			}
			catch (NumberFormatException ex) {
				errors.add(InputError.field("parcels[" + i + "].area_mu", "is not a number"));
			}
			Species species = null;
			try {
				species = Species.valueOf(f[2].strip().toUpperCase(java.util.Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				errors.add(InputError.field("parcels[" + i + "].species", "must be one of " + Arrays.toString(Species.values())));
			}
			out.add(new Parcel(f[0].strip(), area, species, f.length > 3 ? String.join(",", Arrays.copyOfRange(f, 3, f.length)).strip() : null));
		}
		return out;
	}

	/** Increments as lines "year, tCO2". */
	static List<YearIncrement> increments(String text, List<InputError> errors) {
		List<YearIncrement> out = new ArrayList<>();
		if (text == null || text.isBlank()) {
			return out;
		}
		String[] lines = text.strip().split("\\R");
		if (lines.length > 11) {
			errors.add(InputError.field("increments", "at most one figure per year of a period of at most 10 years"));
			return out;
		}
		for (int i = 0; i < lines.length; i++) {
			String[] f = lines[i].split("[,，\\t]", -1);
			try {
				if (f.length != 2) {
					throw new NumberFormatException();
				}
				out.add(new YearIncrement(Integer.valueOf(f[0].strip()), new BigDecimal(f[1].strip())));
			}
			catch (NumberFormatException ex) {
				errors.add(InputError.field("increments[" + i + "]", "write the year and the increment in tCO2, separated by a comma"));
			}
		}
		return out;
	}
}
