package org.peakpilot.power.web;

import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.InvalidInputException;
import org.peakpilot.platform.Role;
import org.peakpilot.power.internal.GecCodes;
import org.peakpilot.power.internal.GecImport;
import org.peakpilot.power.internal.GecLedger;
import org.peakpilot.power.internal.GecLedger.LotStatus;
import org.peakpilot.power.internal.GreenClaimBook;
import org.peakpilot.registry.Registry;
import org.peakpilot.registry.RegistryModel;
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
 * The green certificate pages: {@code /power/certificates} (lots in scope, a lot's history, the import form with its
 * errors by row and column, checking a code) and {@code /power/claims} (claims, green-power contracts, a new claim).
 * Scope as the API: an enterprise its own, a county officer its county's, the office all.
 */
@Controller
class PowerCertificatePages {

	private final GecLedger ledger;
	private final GecImport imports;
	private final GreenClaimBook claims;
	private final Registry registry;
	private final Clock clock;

	PowerCertificatePages(GecLedger ledger, GecImport imports, GreenClaimBook claims, Registry registry, Clock clock) {
		this.ledger = ledger;
		this.imports = imports;
		this.claims = claims;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/power/certificates")
	String certificates(@RequestParam(required = false) LotStatus status, @RequestParam(name = "q", required = false) String text,
			@RequestParam(required = false) Long lot, @RequestParam(required = false) String code, Model model) {
		String q = text == null || text.isBlank() ? null : text.strip().substring(0, Math.min(100, text.strip().length()));
		model.addAttribute("lots", ledger.list(new GecLedger.LotQuery(null, status, q, null, 500, 0)));
		model.addAttribute("statuses", LotStatus.values());
		model.addAttribute("status", status);
		model.addAttribute("q", q);
		model.addAttribute("maxRows", GecImport.MAX_ROWS);
		model.addAttribute("headers", List.of(GecImport.HEADERS));
		model.addAttribute("canImport", canOperate());
		if (lot != null) {
			model.addAttribute("lot", ledger.get(lot));
			model.addAttribute("history", ledger.history(lot));
		}
		if (code != null) {
			String shown = code.length() > 200 ? code.substring(0, 200) : code;
			model.addAttribute("code", shown);
			try {
				model.addAttribute("decoded", GecCodes.decode("code", code.length() > 200 ? shown + "…" : code));
			}
			catch (InvalidInputException ex) {
				model.addAttribute("codeErrors", ex.errors());
			}
		}
		return "power/certificates";
	}

	@GetMapping("/power/certificates/template")
	ResponseEntity<byte[]> template() {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename("gec-lots-template.xlsx").build().toString())
			.contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
			.body(GecImport.template());
	}

	@PostMapping("/power/certificates/import")
	@BackTo("/power/certificates#import")
	String importFile(@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		if (file == null || file.isEmpty()) {
			throw new InvalidInputException("file", "a file is required");
		}
		List<GecLedger.Lot> lots = imports.importFile(file.getOriginalFilename(), file.getBytes());
		redirect.addFlashAttribute("imported", lots.size());
		return "redirect:/power/certificates";
	}

	@PostMapping("/power/certificates/{id}/declare")
	@BackTo(value = "/power/certificates#lots", errors = "declareErrors")
	String declare(@PathVariable long id, RedirectAttributes redirect) {
		ledger.declare(id, null);
		redirect.addFlashAttribute("declared", id);
		return "redirect:/power/certificates?lot=" + id + "#lot-history";
	}

	@GetMapping("/power/claims")
	String claims(Model model) {
		model.addAttribute("claims", claims.claims(null, null, 500, 0));
		model.addAttribute("contracts", claims.contracts(null, 500, 0));
		boolean operate = canOperate();
		model.addAttribute("canClaim", operate);
		if (operate) {
			AccessScope scope = AccessScope.current();
			List<RegistryModel.Enterprise> enterprises = scope.isCityWide() ? registry.enterprises(RegistryModel.EnterpriseQuery.ALL)
					: scope.enterprises().stream().map(registry::enterprise).toList();
			model.addAttribute("enterprises", enterprises);
		}
		model.addAttribute("thisYear", LocalDate.ofInstant(clock.instant(), java.time.ZoneId.of("Asia/Shanghai")).getYear());
		return "power/claims";
	}

	@PostMapping("/power/claims")
	@BackTo(value = "/power/claims#new-claim", keep = { "enterpriseId", "year", "monthFrom", "monthTo", "mwh" })
	String claim(@RequestParam(required = false) Long enterpriseId, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) Integer monthFrom, @RequestParam(required = false) Integer monthTo,
			@RequestParam(required = false) Long mwh, @RequestParam(required = false) String note, RedirectAttributes redirect) {
		GreenClaimBook.Claim c = claims.claim(new GreenClaimBook.ClaimInput(enterpriseId, year, monthFrom, monthTo, null, mwh, note));
		redirect.addFlashAttribute("claimed", c.id());
		return "redirect:/power/claims#claim-" + c.id();
	}

	private static boolean canOperate() {
		AccessScope scope = AccessScope.current();
		return scope.isCityWide() || scope.hasRole(Role.ENTERPRISE_USER);
	}
}
