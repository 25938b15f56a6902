// The adjustment form: shows the fields the chosen kind needs (data-kinds), hides and disables the others.
document.addEventListener('DOMContentLoaded', function () {
  var kind = document.getElementById('kind');
  if (!kind) {
    return;
  }
  // a draw goes to one's own holders only; a transfer may go to another county
  function show() {
    var draw = kind.value === 'RESERVE_DRAW' || kind.value === 'POOL_DRAW';
    document.querySelectorAll('#toCode option[data-own="false"]').forEach(function (o) {
      o.hidden = draw;
      o.disabled = draw;
    });
    document.querySelectorAll('.kind-field').forEach(function (f) {
      var on = f.getAttribute('data-kinds').split(' ').indexOf(kind.value) >= 0;
      f.hidden = !on;
      f.querySelectorAll('select, input').forEach(function (i) { i.disabled = !on; });
    });
  }
  kind.addEventListener('change', show);
  show();
});
