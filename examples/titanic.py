"""Build the Llama 2 Titanic conversation with ``Llama2ChatPrompt`` and tokenize it.

Run: ``python examples/titanic.py`` (or ``make demo``).
"""

from __future__ import annotations

from chatprompt import Llama2ChatPrompt
from local_models import llama2_tokenizer


def titanic_prompt() -> Llama2ChatPrompt:
    """Three questions, two answers, the third answer pending: the state before generating."""
    prompt = Llama2ChatPrompt()
    prompt.add_requester_msg("Do you know about the Titanic movie?")
    prompt.add_responder_msg(
        "Yes, Titanic is a 1997 film about the sinking of the RMS Titanic, starring Leonardo "
        "DiCaprio and Kate Winslet."
    )
    prompt.add_requester_msg("Who directed it?")
    prompt.add_responder_msg("It was directed by James Cameron.")
    prompt.add_requester_msg("What awards did it win?")
    prompt.add_responder_msg(None)  # the slot the model's answer goes into
    return prompt


def main() -> None:
    """Print the prompt string and its ids from the real Llama-2-family tokenizer."""
    prompt = titanic_prompt()
    text = prompt.create_prompt()
    tokenizer = llama2_tokenizer()
    # The seed layout carries "<s>" in the text: encode without adding another BOS.
    ids = tokenizer(text, add_special_tokens=False).input_ids

    print("== Llama2ChatPrompt: the Titanic conversation ==")
    print(f"turn {prompt.get_turn()}, {len(text)} characters:")
    print(repr(text))
    print(f"\n{len(ids)} token ids (BOS count {ids.count(tokenizer.bos_token_id)}):")
    print(ids)


if __name__ == "__main__":
    main()
