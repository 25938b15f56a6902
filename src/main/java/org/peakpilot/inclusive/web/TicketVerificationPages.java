package org.peakpilot.inclusive.web;

import jakarta.servlet.http.HttpServletResponse;
import org.peakpilot.inclusive.internal.TicketRegistry;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.registry.Registry;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The public verification page of a carbon ticket (碳票核验), mobile-first: the ticket's facts, never its holder. */
@Controller
class TicketVerificationPages {

	private final TicketRegistry tickets;
	private final Registry registry;

	TicketVerificationPages(TicketRegistry tickets, Registry registry) {
		this.tickets = tickets;
		this.registry = registry;
	}

	@GetMapping("/public/inclusive/tickets/{serial}")
	String verify(@PathVariable String serial, Model model, HttpServletResponse response) {
		String shown = serial.length() > 80 ? serial.substring(0, 80) + "…" : serial;
		model.addAttribute("serial", shown);
		try {
			model.addAttribute("t", TicketVerificationApi.facts(tickets, registry, serial));
		}
		catch (NotFoundException ex) {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("t", null);
		}
		return "inclusive/tickets/verify";
	}
}
