// The adjustment form: shows the fields the chosen kind needs (data-kinds), hides and disables the others.
document.addEventListener('DOMContentLoaded', function () {
  var kind = document.getElementById('kind');
  if (!kind) {
    return;
  }
  function show() {
    document.querySelectorAll('.kind-field').forEach(function (f) {
      var on = f.getAttribute('data-kinds').split(' ').indexOf(kind.value) >= 0;
      f.hidden = !on;
      f.querySelectorAll('select, input').forEach(function (i) { i.disabled = !on; });
    });
  }
  kind.addEventListener('change', show);
  show();
});
