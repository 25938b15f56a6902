package org.peakpilot.budget.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.peakpilot.budget.internal.SinkLedger;
import org.peakpilot.budget.internal.SinkLedger.Entry;
import org.peakpilot.platform.AccessScope;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.Role;
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
 * The sink ledger page (issue 12 item 7): a year's verified forestry sink increments with their evidence, and the
 * form that records one with its document — for the forestry bureau's officer (the only page it reaches) and the
 * city's roles; county officers read their county's entries.
 */
@Controller
class BudgetSinkPages {

	static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");

	private final SinkLedger sinks;
	private final Registry registry;
	private final Clock clock;

	BudgetSinkPages(SinkLedger sinks, Registry registry, Clock clock) {
		this.sinks = sinks;
		this.registry = registry;
		this.clock = clock;
	}

	@GetMapping("/budget/sinks")
	String ledger(@RequestParam(required = false) Integer year, Model model) {
		AccessScope scope = AccessScope.current();
		int y = year == null ? clock.instant().atZone(BEIJING).getYear() : BudgetYearApi.checkedYear(year);
		List<Entry> entries = sinks.entries(y);
		model.addAttribute("year", y);
		model.addAttribute("entries", entries);
		model.addAttribute("total", entries.stream().map(Entry::increment).reduce(BigDecimal.ZERO, BigDecimal::add));
		model.addAttribute("counties", registry.counties());
		model.addAttribute("countyNames", registry.counties().stream().collect(java.util.stream.Collectors.toMap(c -> c.code(), c -> c.nameZh(), (a, b) -> a)));
		model.addAttribute("canRecord", scope.hasRole(Role.FORESTRY_OFFICER, Role.CITY_ADMIN, Role.CITY_OFFICER));
		model.addAttribute("today", LocalDate.now(clock.withZone(BEIJING)));
		model.addAttribute("maxMiB", org.peakpilot.platform.EvidenceDocument.MAX_MIB);
		return "budget/sinks";
	}

	@PostMapping("/budget/sinks")
	@BackTo(value = "/budget/sinks", keep = { "countyCode", "formYear=year", "increment", "correctsEntryId", "verifiedOn", "verifiedBy",
			"referenceNumber" })
	String record(@RequestParam(required = false) String countyCode, @RequestParam(required = false) Integer year,
			@RequestParam(required = false) BigDecimal increment, @RequestParam(required = false) Long correctsEntryId,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate verifiedOn,
			@RequestParam(required = false) String verifiedBy, @RequestParam(required = false) String referenceNumber,
			@RequestParam(required = false) MultipartFile file, RedirectAttributes redirect) throws IOException {
		byte[] bytes = file == null || file.isEmpty() ? null : file.getBytes();
		String name = file == null || file.isEmpty() ? null : file.getOriginalFilename();
		Entry e = sinks.record(new SinkLedger.NewEntry(blankToNull(countyCode), year, increment, correctsEntryId, verifiedOn, verifiedBy,
				blankToNull(referenceNumber), name, bytes));
		redirect.addFlashAttribute("recorded", e.id());
		return "redirect:/budget/sinks?year=" + e.year() + "#sink-" + e.id();
	}

	@GetMapping("/budget/sinks/{id}/document")
	ResponseEntity<byte[]> document(@PathVariable long id) {
		SinkLedger.Document d = sinks.document(id);
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(d.name(), StandardCharsets.UTF_8).build().toString())
			.contentType(MediaType.parseMediaType(d.type())).body(d.bytes());
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s.strip();
	}
}
