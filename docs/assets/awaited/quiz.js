/*
 * Awaited quiz cards: turns the server-rendered cards (src/awaited/site/quiz_cards.py) into
 * interactive ones. Plain JavaScript, no dependencies, no requests.
 *
 * - Pick option(s), press Check: each option shows whether it is right and why, plus the
 *   rule of thumb. "Try again" clears the card.
 * - Flashcards: Space (or "Show the answer") flips the card to the model answer and its key
 *   points; then 1-4 rate recall (Again, Hard, Good, Easy). Good and Easy count as right.
 * - Keyboard: with focus anywhere in a card, 1-9 pick an option and Enter checks.
 * - Answers persist per question id in localStorage under "awaited:quiz:v1", as
 *   {"version": 1, "answers": {ID: {"selected": [0], "correct": false, "at": ms}}} (a
 *   flashcard's entry has "rating": 1-4 instead of "selected"). Data that cannot be read is
 *   copied aside to "awaited:quiz:v1:corrupt" and reset, never fatal. The lesson pages, the
 *   Quiz page and the Practice page share it.
 * - window.awaitedQuiz exposes the card classes and the store to the Practice page's script
 *   (web/quiz/practice.js), which shows the same cards one at a time.
 * - Initialised on Material's document$ observable, so it also runs after instant navigation;
 *   initialising the same deck twice is a no-op.
 */
(function () {
  "use strict";

  var STORE_KEY = "awaited:quiz:v1";
  var STORE_VERSION = 1;
  var memoryStore = null; // used when localStorage is unavailable (privacy modes, file://)

  /* ------------------------------------------------------------------ storage */

  function emptyStore() {
    return { version: STORE_VERSION, answers: {} };
  }

  function isIndexList(value) {
    if (!Array.isArray(value)) return false;
    for (var i = 0; i < value.length; i++) {
      if (typeof value[i] !== "number" || value[i] < 0 || value[i] % 1 !== 0) return false;
    }
    return true;
  }

  function validEntry(entry) {
    if (entry === null || typeof entry !== "object" || typeof entry.correct !== "boolean") {
      return false;
    }
    if (typeof entry.rating === "number") {
      return entry.rating >= 1 && entry.rating <= 4 && entry.rating % 1 === 0;
    }
    return isIndexList(entry.selected) && entry.selected.length > 0;
  }

  /* Keep what could not be read, so that nothing a learner did is silently destroyed. */
  function keepAside(key, raw) {
    try {
      window.localStorage.setItem(key + ":corrupt", raw);
    } catch (error) {
      /* no room: the reset below still happens */
    }
  }

  function readStore() {
    var raw;
    try {
      raw = window.localStorage.getItem(STORE_KEY);
    } catch (error) {
      return memoryStore || (memoryStore = emptyStore());
    }
    if (raw === null) return emptyStore();
    try {
      var data = JSON.parse(raw);
      if (
        data !== null &&
        typeof data === "object" &&
        data.version === STORE_VERSION &&
        data.answers !== null &&
        typeof data.answers === "object" &&
        !Array.isArray(data.answers)
      ) {
        var answers = {};
        Object.keys(data.answers).forEach(function (key) {
          if (validEntry(data.answers[key])) answers[key] = data.answers[key];
        });
        return { version: STORE_VERSION, answers: answers };
      }
    } catch (error) {
      /* corrupt JSON: fall through and reset */
    }
    keepAside(STORE_KEY, raw);
    writeStore(emptyStore());
    return emptyStore();
  }

  function writeStore(store) {
    try {
      window.localStorage.setItem(STORE_KEY, JSON.stringify(store));
    } catch (error) {
      memoryStore = store; // full or unavailable: keep answers for this page at least
    }
  }

  function saveAnswer(key, entry) {
    var store = readStore();
    if (entry === null) delete store.answers[key];
    else store.answers[key] = entry;
    writeStore(store);
  }

  /* ------------------------------------------------------------------ helpers */

  function sameSet(a, b) {
    if (a.length !== b.length) return false;
    var sorted = b.slice().sort();
    return a
      .slice()
      .sort()
      .every(function (value, i) {
        return value === sorted[i];
      });
  }

  function listWords(numbers) {
    var words = numbers.map(function (n) {
      return String(n + 1);
    });
    if (words.length === 1) return words[0];
    return words.slice(0, -1).join(", ") + " and " + words[words.length - 1];
  }

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  /* ------------------------------------------------------------------ one card */

  function Card(deck, element, question) {
    this.deck = deck;
    this.el = element;
    this.question = question;
    this.key = question.id; // unique across every bank (awaited.quiz enforces it)
    this.options = all(element, "[data-awaited-option]");
    this.inputs = this.options.map(function (option) {
      return option.querySelector("input");
    });
    this.actions = element.querySelector(".awaited-card__actions");
    this.checkButton = element.querySelector("[data-awaited-check]");
    this.retryButton = element.querySelector("[data-awaited-retry]");
    this.result = element.querySelector(".awaited-card__result");
    this.checked = false;
    this.rearrange();
    this.bind();
  }

  /* Move each explanation under its option and the rule of thumb under the buttons; the
   * <details> fallback (for readers without JavaScript) is then removed. */
  Card.prototype.rearrange = function () {
    var card = this;
    var answer = this.el.querySelector(".awaited-card__answer");
    all(this.el, "[data-awaited-explain]").forEach(function (item) {
      var index = Number(item.getAttribute("data-awaited-explain"));
      var why = item.querySelector(".awaited-why");
      if (why && card.options[index]) {
        why.hidden = true;
        card.options[index].appendChild(why);
      }
    });
    var rule = this.el.querySelector(".awaited-rule");
    if (rule) {
      rule.hidden = true;
      this.result.insertAdjacentElement("afterend", rule);
    }
    this.rule = rule;
    if (answer) answer.parentNode.removeChild(answer);
    this.actions.hidden = false;
  };

  Card.prototype.bind = function () {
    var card = this;
    this.checkButton.addEventListener("click", function () {
      card.check();
    });
    this.retryButton.addEventListener("click", function () {
      card.retry();
    });
    this.inputs.forEach(function (input) {
      input.addEventListener("change", function () {
        card.syncSelection();
        if (card.result.textContent) card.result.textContent = "";
      });
    });
    this.el.addEventListener("keydown", function (event) {
      card.onKey(event);
    });
  };

  Card.prototype.onKey = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var target = event.target;
    if (/^[1-9]$/.test(event.key)) {
      var index = Number(event.key) - 1;
      if (this.checked || index >= this.inputs.length) return;
      event.preventDefault();
      var input = this.inputs[index];
      input.checked = input.type === "checkbox" ? !input.checked : true;
      this.syncSelection();
      this.result.textContent = "";
      return;
    }
    if (event.key === "Enter") {
      if (target && target.tagName === "BUTTON") return; // buttons handle Enter themselves
      if (target && target.tagName === "A") return;
      event.preventDefault();
      if (!this.checked) this.check();
    }
  };

  Card.prototype.selected = function () {
    var picked = [];
    this.inputs.forEach(function (input, i) {
      if (input.checked) picked.push(i);
    });
    return picked;
  };

  Card.prototype.syncSelection = function () {
    this.inputs.forEach(function (input, i) {
      this.options[i].classList.toggle("is-selected", input.checked);
    }, this);
  };

  Card.prototype.check = function () {
    var picked = this.selected();
    if (!picked.length) {
      var range = this.inputs.length > 1 ? "1\u2013" + this.inputs.length : "1";
      this.result.className = "awaited-card__result is-pending";
      this.result.textContent = "Choose an answer first (keys " + range + ").";
      return;
    }
    var correct = sameSet(picked, this.question.correct);
    saveAnswer(this.key, { selected: picked, correct: correct, at: Date.now() });
    var hadFocus = this.el.contains(document.activeElement);
    this.show(picked, correct);
    if (hadFocus) this.retryButton.focus();
    this.deck.updateProgress();
    if (this.deck.answered) this.deck.answered(this, correct, null);
  };

  /* Render the checked state: used after Check and when restoring a saved answer. */
  Card.prototype.show = function (picked, correct) {
    var rightOnes = this.question.correct;
    this.checked = true;
    this.el.classList.add("is-checked");
    this.el.classList.toggle("is-right", correct);
    this.el.classList.toggle("is-wrong", !correct);
    this.inputs.forEach(function (input, i) {
      var chosen = picked.indexOf(i) !== -1;
      var right = rightOnes.indexOf(i) !== -1;
      var option = this.options[i];
      input.checked = chosen;
      input.disabled = true;
      option.classList.toggle("is-selected", chosen);
      option.classList.toggle("is-correct", right);
      option.classList.toggle("is-incorrect", !right);
      option.classList.toggle("is-missed", right && !chosen);
      var why = option.querySelector(".awaited-why");
      if (why) {
        why.hidden = false;
        var mine = why.querySelector(".awaited-why__mine");
        if (mine) mine.hidden = !chosen;
      }
    }, this);
    if (this.rule) this.rule.hidden = false;
    this.checkButton.hidden = true;
    this.retryButton.hidden = false;
    var message;
    if (correct) {
      message = "Correct!";
    } else if (rightOnes.length === 1) {
      message = "Not quite: the right answer is " + listWords(rightOnes) + ".";
    } else {
      message = "Not quite: the right answers are " + listWords(rightOnes) + ".";
    }
    this.result.className = "awaited-card__result " + (correct ? "is-right" : "is-wrong");
    this.result.textContent = message + " Why each option is right or wrong is under it.";
  };

  Card.prototype.retry = function () {
    saveAnswer(this.key, null);
    this.reset();
    this.el.focus();
    this.deck.updateProgress();
  };

  /* Back to unanswered, leaving the stored answer alone (the Practice page asks again). */
  Card.prototype.reset = function () {
    this.checked = false;
    this.el.classList.remove("is-checked", "is-right", "is-wrong");
    this.inputs.forEach(function (input, i) {
      input.checked = false;
      input.disabled = false;
      this.options[i].classList.remove(
        "is-selected",
        "is-correct",
        "is-incorrect",
        "is-missed"
      );
      var why = this.options[i].querySelector(".awaited-why");
      if (why) why.hidden = true;
    }, this);
    if (this.rule) this.rule.hidden = true;
    this.checkButton.hidden = false;
    this.retryButton.hidden = true;
    this.result.className = "awaited-card__result";
    this.result.textContent = "";
  };

  /* ------------------------------------------------------------------ one flashcard */

  var RATINGS = ["Again", "Hard", "Good", "Easy"];

  function Flashcard(deck, element, question) {
    this.deck = deck;
    this.el = element;
    this.question = question;
    this.key = question.id;
    this.actions = element.querySelector(".awaited-card__actions");
    this.flipButton = element.querySelector("[data-awaited-flip]");
    this.retryButton = element.querySelector("[data-awaited-retry]");
    this.rate = element.querySelector(".awaited-flash__rate");
    this.rateButtons = all(element, "[data-awaited-rate]");
    this.result = element.querySelector(".awaited-card__result");
    this.checked = false;
    this.flipped = false;
    this.inputs = [];
    this.rearrange();
    this.bind();
  }

  /* The <details> fallback becomes a back side that "Show the answer" (or Space) reveals. */
  Flashcard.prototype.rearrange = function () {
    var answer = this.el.querySelector(".awaited-card__answer");
    this.back = this.el.querySelector(".awaited-flash__back");
    if (answer && this.back) {
      this.back.hidden = true;
      answer.parentNode.insertBefore(this.back, answer);
      answer.parentNode.removeChild(answer);
    }
    this.actions.hidden = false;
  };

  Flashcard.prototype.bind = function () {
    var card = this;
    this.flipButton.addEventListener("click", function () {
      card.flip();
    });
    this.retryButton.addEventListener("click", function () {
      card.retry();
    });
    this.rateButtons.forEach(function (button) {
      button.addEventListener("click", function () {
        card.rateWith(Number(button.getAttribute("data-awaited-rate")));
      });
    });
    this.el.addEventListener("keydown", function (event) {
      card.onKey(event);
    });
  };

  Flashcard.prototype.onKey = function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    var target = event.target;
    var onControl = target && (target.tagName === "BUTTON" || target.tagName === "A");
    if ((event.key === " " || event.key === "Enter") && !onControl) {
      event.preventDefault();
      if (!this.flipped) this.flip();
      return;
    }
    if (/^[1-4]$/.test(event.key) && this.flipped && !this.checked) {
      event.preventDefault();
      this.rateWith(Number(event.key));
    }
  };

  Flashcard.prototype.flip = function () {
    if (this.flipped) return;
    this.flipped = true;
    this.back.hidden = false;
    this.rate.hidden = false;
    this.flipButton.hidden = true;
    this.flipButton.setAttribute("aria-expanded", "true");
    this.el.classList.add("is-flipped");
    if (this.el.contains(document.activeElement)) this.el.focus();
  };

  Flashcard.prototype.rateWith = function (rating) {
    if (this.checked) return;
    var correct = rating >= 3;
    saveAnswer(this.key, { rating: rating, correct: correct, at: Date.now() });
    var hadFocus = this.el.contains(document.activeElement);
    this.show(rating, correct);
    if (hadFocus) this.retryButton.focus();
    this.deck.updateProgress();
    if (this.deck.answered) this.deck.answered(this, correct, rating);
  };

  Flashcard.prototype.show = function (rating, correct) {
    this.flip();
    this.checked = true;
    this.rating = rating;
    this.el.classList.add("is-checked");
    this.el.classList.toggle("is-right", correct);
    this.el.classList.toggle("is-wrong", !correct);
    this.rate.hidden = true;
    this.retryButton.hidden = false;
    this.result.className = "awaited-card__result " + (correct ? "is-right" : "is-wrong");
    this.result.textContent = "You rated your recall: " + RATINGS[rating - 1] + ".";
  };

  Flashcard.prototype.retry = function () {
    saveAnswer(this.key, null);
    this.reset();
    this.el.focus();
    this.deck.updateProgress();
  };

  Flashcard.prototype.reset = function () {
    this.checked = false;
    this.flipped = false;
    this.el.classList.remove("is-checked", "is-right", "is-wrong", "is-flipped");
    this.back.hidden = true;
    this.rate.hidden = true;
    this.flipButton.hidden = false;
    this.flipButton.setAttribute("aria-expanded", "false");
    this.retryButton.hidden = true;
    this.result.className = "awaited-card__result";
    this.result.textContent = "";
  };

  /* ------------------------------------------------------------------ one deck */

  function Deck(element) {
    var data = JSON.parse(element.getAttribute("data-awaited-data"));
    var byId = {};
    data.questions.forEach(function (question) {
      byId[question.id] = question;
    });
    this.el = element;
    this.lesson = data.lesson;
    this.progress = element.querySelector("[data-awaited-progress]");
    this.cards = [];
    all(element, ".awaited-card").forEach(function (cardElement) {
      var question = byId[cardElement.getAttribute("data-awaited-question")];
      if (question) this.cards.push(makeCard(this, cardElement, question));
    }, this);
    this.restore();
    this.updateProgress();
  }

  Deck.prototype.restore = function () {
    var answers = readStore().answers;
    this.cards.forEach(function (card) {
      var saved = answers[card.key];
      if (!saved) return;
      if (card instanceof Flashcard) {
        if (typeof saved.rating === "number") card.show(saved.rating, saved.rating >= 3);
        return;
      }
      if (!saved.selected) return;
      var inRange = saved.selected.every(function (i) {
        return i < card.inputs.length;
      });
      if (!inRange) return; // the question changed since: ignore the stale answer
      card.show(saved.selected, sameSet(saved.selected, card.question.correct));
    });
  };

  Deck.prototype.updateProgress = function () {
    var answered = 0;
    var right = 0;
    this.cards.forEach(function (card) {
      if (card.checked) {
        answered += 1;
        if (card.el.classList.contains("is-right")) right += 1;
      }
    });
    this.progress.textContent =
      "Answered " + answered + "/" + this.cards.length + " \u00b7 " + right + " right";
    this.el.classList.toggle("is-complete", answered === this.cards.length);
  };

  function makeCard(deck, element, question) {
    if (question.type === "flashcard") return new Flashcard(deck, element, question);
    return new Card(deck, element, question);
  }

  /* For the Practice page's script: the same cards, shown one at a time. */
  window.awaitedQuiz = {
    makeCard: makeCard,
    keepAside: keepAside,
  };

  /* ------------------------------------------------------------------ start */

  function init() {
    all(document, ".awaited-quiz").forEach(function (element) {
      if (element.hasAttribute("data-awaited-ready")) return;
      element.setAttribute("data-awaited-ready", "");
      try {
        new Deck(element);
      } catch (error) {
        element.removeAttribute("data-awaited-ready");
        if (window.console) window.console.error("awaited quiz:", error);
      }
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init); // Material: every page load, instant navigation included
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
