package org.peakpilot.inclusive.web;

import org.peakpilot.inclusive.internal.Certificates;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The public verification page of a low-carbon certificate (低碳环保证书验证), where its QR code leads: the facts
 * (public name, period, gCO2, issued at) and nothing else; an unknown serial says so with 404.
 */
@Controller
class PublicCertificatePages {

	private final Certificates certificates;

	PublicCertificatePages(Certificates certificates) {
		this.certificates = certificates;
	}

	@GetMapping("/public/inclusive/certificates/{serial}")
	String verify(@PathVariable String serial, Model model, HttpServletResponse response) {
		var found = certificates.verify(serial);
		if (found.isEmpty()) {
			response.setStatus(HttpStatus.NOT_FOUND.value());
		}
		model.addAttribute("serial", serial.length() > 40 ? serial.substring(0, 40) : serial);
		model.addAttribute("certificate", found.map(c -> new VerifiedFacts(c.serial(), c.publicName(), c.periodFrom(), c.periodTo(),
				c.gco2(), c.issuedAt())).orElse(null));
		return "inclusive/citizen/verify";
	}

	/** What the public sees of a certificate. */
	record VerifiedFacts(String serial, String publicName, java.time.LocalDate periodFrom, java.time.LocalDate periodTo, long gco2,
			java.time.OffsetDateTime issuedAt) {
	}
}
