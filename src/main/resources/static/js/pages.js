// Behaviour that pages used to carry in inline handlers, which the Content-Security-Policy does not run
// (docs/adr/0011): a "back" link, and the report forms whose target depends on the chosen enterprise and month.
document.addEventListener('DOMContentLoaded', function () {
  document.querySelectorAll('a[data-back]').forEach(function (a) {
    a.addEventListener('click', function (ev) {
      if (history.length > 1) {
        ev.preventDefault();
        history.back();
      }
    });
  });
  var enter = document.getElementById('enter-form');
  if (enter) {
    enter.addEventListener('submit', function () {
      enter.action = '/accounting/enterprises/' + enter.enterprise.value + '/reports/' + enter.y.value + '/' + enter.m.value + '/edit';
    });
  }
  // the alarm list: ticks every alarm that can be closed together
  var selectAll = document.getElementById('alarms-select-all');
  if (selectAll) {
    selectAll.addEventListener('change', function () {
      document.querySelectorAll('input.alarm-select').forEach(function (c) { c.checked = selectAll.checked; });
    });
  }
  var template = document.getElementById('import-template');
  if (template) {
    template.addEventListener('click', function () {
      var f = document.getElementById('import-form');
      template.href = '/accounting/enterprises/' + f.enterpriseId.value + '/reports/' + f.year.value + '/template.xlsx';
    });
  }
});
