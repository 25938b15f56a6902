package org.peakpilot.accounting.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.peakpilot.accounting.internal.Inventory;
import org.peakpilot.accounting.internal.CityInventory;
import org.peakpilot.platform.BackTo;
import org.peakpilot.platform.GroupedDecimalEditor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
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

	/** Decimals on this page's forms may carry thousands separators (1,234.5), as the hand parsing allowed. */
	@InitBinder
	void decimals(WebDataBinder binder) {
		binder.registerCustomEditor(BigDecimal.class, new GroupedDecimalEditor());
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

	/**
	 * What the input form posts; a year or value that is no number comes back to the form naming its field. The value
	 * may be typed with thousands separators (1,234.5), as the statistics yearbook prints it.
	 */
	record InputFields(Integer year, String code, BigDecimal value, String sourceDocument,
			String note) {
	}

	@PostMapping("/accounting/inventory/inputs")
	@BackTo(value = "/accounting/inventory#input-form",
			keep = { "formYear=year", "formCode=code", "formValue=value", "formSource=sourceDocument", "formNote=note" })
	String enter(@ModelAttribute InputFields fields, RedirectAttributes redirect) {
		Inventory.Input saved = inventory.enter(new CityInventory.NewInput(fields.year(), fields.code(), fields.value(), null,
				fields.sourceDocument(), fields.note()));
		redirect.addFlashAttribute("saved", saved);
		return "redirect:/accounting/inventory/" + saved.year();
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
}
