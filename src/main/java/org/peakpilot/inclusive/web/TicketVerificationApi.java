package org.peakpilot.inclusive.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.peakpilot.inclusive.internal.TicketRegistry;
import org.peakpilot.platform.NotFoundException;
import org.peakpilot.registry.Registry;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The public verification of a carbon ticket (碳票核验): its facts by serial, no sign-in. */
@RestController
@Tag(name = "inclusive", description = "Carbon-inclusive scheme · 碳普惠")
class TicketVerificationApi {

	private final TicketRegistry tickets;
	private final Registry registry;

	TicketVerificationApi(TicketRegistry tickets, Registry registry) {
		this.tickets = tickets;
		this.registry = registry;
	}

	@GetMapping("/api/v1/public/inclusive/tickets/{serial}")
	@Operation(operationId = "verifyCarbonTicket", summary = "Verify a forestry carbon ticket by its serial · 核验林业碳票", description = """
			The ticket's public facts: project, county, monitoring period, method, verifier, state and, once retired, for whom and why. 404 for a
			serial of the wrong format, with a wrong check character, or never issued. The holder is not shown.
			碳票的公开信息：项目、区县、监测期、方法学、核证机构、状态，注销后的受益方和用途。编号格式或校验位错误、或未签发时返回 404。不显示持有人。""")
	TicketRegistry.TicketFacts verify(@Parameter(description = "The serial · 碳票编号", example = "LSCT-511129-2025P1-0000001-Q") @PathVariable String serial) {
		return facts(tickets, registry, serial);
	}

	static TicketRegistry.TicketFacts facts(TicketRegistry tickets, Registry registry, String serial) {
		return tickets.facts(serial, code -> registry.counties().stream().filter(c -> c.code().equals(code)).map(c -> c.nameZh()).findFirst().orElse(code))
			.orElseThrow(() -> new NotFoundException("carbon ticket " + (serial.length() > 80 ? serial.substring(0, 80) + "…" : serial)));
	}
}
