package org.peakpilot.accounting.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.accounting.internal.Inventory;
import org.peakpilot.accounting.internal.CityInventory;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import tools.jackson.databind.json.JsonMapper;

/** The city inventory pages: the years with the input form, a year's inventory, recomputation, Excel export. */
@Controller
class CityInventoryPages {

	static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

	private final CityInventory inventory;
	private final JsonMapper json;

	CityInventoryPages(CityInventory inventory, JsonMapper json) {
		this.inventory = inventory;
		this.json = json;
	}

	@GetMapping("/accounting/inventory")
	String years(@RequestParam(required = false) Integer year, @RequestParam(required = false) String code, Model model) {
		model.addAttribute("inventories", inventory.years().stream().map(inventory::inventory).toList());
		model.addAttribute("codes", Inventory.InputCode.values());
		model.addAttribute("kinds", Inventory.IndicatorKind.values());
		model.addAttribute("canEnter", CityInventory.isOffice());
		if (!model.containsAttribute("formYear")) {
			model.addAttribute("formYear", year);
			model.addAttribute("formCode", code);
		}
		return "accounting/inventory";
	}

	@PostMapping("/accounting/inventory/inputs")
	String enter(@RequestParam(required = false) String year, @RequestParam(required = false) String code,
			@RequestParam(required = false) String value, @RequestParam(required = false) String sourceDocument,
			@RequestParam(required = false) String note, RedirectAttributes redirect) {
		try {
			Inventory.Input saved = inventory.enter(new CityInventory.NewInput(integer(year), code, decimal(value), null,
					sourceDocument, note));
			redirect.addFlashAttribute("saved", saved);
			return "redirect:/accounting/inventory/" + saved.year();
		}
		catch (InvalidInputException ex) {
			redirect.addFlashAttribute("errors", ex.errors());
			redirect.addFlashAttribute("formYear", year);
			redirect.addFlashAttribute("formCode", code);
			redirect.addFlashAttribute("formValue", value);
			redirect.addFlashAttribute("formSource", sourceDocument);
			redirect.addFlashAttribute("formNote", note);
			return "redirect:/accounting/inventory#input-form";
		}
	}

	@GetMapping("/accounting/inventory/{year}")
	String year(@PathVariable int year, Model model, Locale locale) {
		Inventory inv = inventory.inventory(year);
		model.addAttribute("inv", inv);
		model.addAttribute("history", inventory.inputs(year, true));
		model.addAttribute("canEnter", CityInventory.isOffice());
		model.addAttribute("chartJson", toJson(chart(inv, locale)));
		return "accounting/inventory-year";
	}

	@PostMapping("/accounting/inventory/{year}/recompute")
	String recompute(@PathVariable int year, RedirectAttributes redirect) {
		inventory.recompute(year);
		redirect.addFlashAttribute("recomputed", year);
		return "redirect:/accounting/inventory/" + year;
	}

	@GetMapping("/accounting/inventory/{year}/export")
	ResponseEntity<byte[]> export(@PathVariable int year) {
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"city-inventory-" + year + ".xlsx\"")
			.contentType(MediaType.parseMediaType(XLSX))
			.body(inventory.workbook(year));
	}

	/** CO2 by sector: each industry's enterprises, then the sectors the office enters. */
	private static List<Map<String, Object>> chart(Inventory inv, Locale locale) {
		List<Map<String, Object>> bars = new ArrayList<>();
		for (Inventory.Industry i : inv.industries()) {
			if (!i.figures().confidential()) {
				bars.add(bar(i.name(locale), i.figures().co2T(), "enterprise"));
			}
		}
		for (Inventory.SectorFigures s : inv.sectors()) {
			bars.add(bar(s.sector().name(locale), s.co2T(), "sector"));
		}
		return bars;
	}

	private static Map<String, Object> bar(String name, BigDecimal co2T, String kind) {
		Map<String, Object> bar = new LinkedHashMap<>();
		bar.put("name", name);
		bar.put("co2T", co2T);
		bar.put("kind", kind);
		return bar;
	}

	private String toJson(Object value) {
		return json.writeValueAsString(value).replace("</", "<\\/");
	}

	private static Integer integer(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(text.strip());
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("year", "'" + text + "' is not a year");
		}
	}

	private static BigDecimal decimal(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return new BigDecimal(text.strip().replace(",", ""));
		}
		catch (NumberFormatException ex) {
			throw new InvalidInputException("value", "'" + text + "' is not a number");
		}
	}
}
