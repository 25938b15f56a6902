package org.peakpilot.admission.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.peakpilot.admission.Assessment;
import org.peakpilot.admission.ProjectAdmission;
import org.peakpilot.platform.InputError;
import org.peakpilot.platform.InvalidInputException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The application form (项目碳评申报): project, products, activity lines as a table (a line added or removed through
 * htmx, the form re-rendered by the server with what was typed), figures, schedule, renewables and a revamp's
 * baseline; "assess" shows the engine's assessment beside the form without storing anything. Enterprise users file
 * for their own enterprise, the city office on anyone's behalf; everybody else gets 403.
 */
@Controller
class AdmissionPages {

	private final AdmissionFormSupport support;
	private final ProjectAdmission admission;

	AdmissionPages(AdmissionFormSupport support, ProjectAdmission admission) {
		this.support = support;
		this.admission = admission;
	}

	@InitBinder("form")
	void binder(WebDataBinder binder) {
		AdmissionFormSupport.initBinder(binder);
	}

	/**
	 * A posted row index beyond {@link AdmissionForm#MAX_ROWS} ({@code lines[999999].quantity}) cannot bind: the 400
	 * page, as for any request a page cannot answer as sent, never a 500.
	 */
	@org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.beans.InvalidPropertyException.class)
	void rowBeyondBound(jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
		response.sendError(org.springframework.http.HttpStatus.BAD_REQUEST.value());
	}

	@GetMapping("/admission/new")
	String newForm(Model model, Locale locale) {
		AdmissionFormSupport.requireApplicant();
		support.model(model, support.blank(), null, locale);
		model.addAttribute("action", "/admission");
		return "admission/form";
	}

	/**
	 * The line table again, as posted, with one empty line added ({@code op=add}) or the line {@code op=remove:i} taken
	 * out: htmx swaps it in place of the table. Nothing is stored.
	 */
	@PostMapping("/admission/form/lines")
	String lines(@ModelAttribute("form") AdmissionForm form, BindingResult binding, @RequestParam(required = false) String op, Model model,
			Locale locale) {
		AdmissionFormSupport.requireApplicant();
		List<AdmissionForm.LineRow> rows = new ArrayList<>(form.lineRows());
		if ("add".equals(op) && rows.size() < AdmissionForm.MAX_ROWS) {
			rows.add(new AdmissionForm.LineRow("FUEL", null, null, "t"));
		}
		else if (op != null && op.startsWith("remove:")) {
			int i = parseIndex(op.substring(7));
			if (i >= 0 && i < rows.size()) {
				rows.remove(i);
			}
		}
		else if ("addProduct".equals(op) && form.productRows().size() < AdmissionForm.MAX_ROWS) {
			List<AdmissionForm.ProductRow> products = new ArrayList<>(form.productRows());
			products.add(new AdmissionForm.ProductRow());
			form.setProducts(products);
		}
		form.setLines(rows);
		support.model(model, form, List.of(), locale);
		return "addProduct".equals(op) ? "admission/form :: products" : "admission/form :: lines";
	}

	/**
	 * The engine's assessment of the form as it stands, storing nothing (the preview): the assessment fragment, or the
	 * errors with their row and field named (the page's script marks those fields). Always 200: refused input is part of
	 * what this fragment shows, not a failed request.
	 */
	@PostMapping("/admission/form/assess")
	String assess(@ModelAttribute("form") AdmissionForm form, BindingResult binding, Model model, Locale locale) {
		AdmissionFormSupport.requireApplicant();
		support.pinApplicant(form);
		List<InputError> errors = new ArrayList<>(bindingErrors(binding));
		AdmissionForm.Bound bound = form.toInput();
		errors.addAll(bound.errors());
		Assessment assessment = null;
		if (errors.isEmpty()) {
			// caught here, not by PageErrorAdvice: refused input is the fragment's answer (200), swapped in beside the form
			try {
				assessment = admission.preview(bound.input());
			}
			catch (InvalidInputException ex) {
				ex.errors().forEach(e -> errors.add(bound.onForm(e)));
			}
		}
		errorsModel(model, errors, locale);
		model.addAttribute("assessment", assessment);
		return "admission/fragments :: assess-result";
	}

	/** The errors named for the reader, and the raw field paths beside them (for the script that marks the fields). */
	private void errorsModel(Model model, List<InputError> errors, Locale locale) {
		model.addAttribute("errors", errors.isEmpty() ? null : errors.stream().map(e -> support.named(e, locale)).toList());
		model.addAttribute("rawFields", errors.stream().map(e -> e.field() == null ? "" : e.field()).toList());
	}

	private static int parseIndex(String text) {
		return text.matches("[0-9]{1,3}") ? Integer.parseInt(text) : -1;
	}

	/** Errors of a posted form that did not bind, named as the form names them. */
	static List<InputError> bindingErrors(BindingResult binding) {
		return AdmissionFormSupport.bindingErrors(binding);
	}
}
