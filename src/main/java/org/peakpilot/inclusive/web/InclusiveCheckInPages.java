package org.peakpilot.inclusive.web;

import org.peakpilot.inclusive.internal.Citizens;
import org.peakpilot.inclusive.internal.Scenes;
import org.peakpilot.platform.BackTo;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * A scene's check-in page (景区/酒店/餐厅打卡), reached by scanning the scene's QR code: shows the scene and today's
 * check-in; the button checks the citizen in (a GET never credits anything).
 */
@Controller
class InclusiveCheckInPages {

	private final Scenes scenes;
	private final Citizens citizens;

	InclusiveCheckInPages(Scenes scenes, Citizens citizens) {
		this.scenes = scenes;
		this.citizens = citizens;
	}

	@GetMapping("/inclusive/check-in/{token}")
	String page(@PathVariable String token, Model model) {
		Scenes.Scene scene = scenes.byToken(token);
		Citizens.Citizen me = citizens.current();
		model.addAttribute("scene", scene);
		model.addAttribute("token", token);
		model.addAttribute("checkIn", scenes.todays(me.id(), scene).orElse(null));
		return "inclusive/trips/check-in";
	}

	@PostMapping("/inclusive/check-in/{token}")
	@BackTo("/inclusive/check-in/{token}")
	String checkIn(@PathVariable String token, RedirectAttributes redirect) {
		Scenes.CheckIn c = scenes.checkIn(citizens.current().id(), token);
		redirect.addFlashAttribute("done", c.points());
		return "redirect:/inclusive/check-in/" + token;
	}
}
