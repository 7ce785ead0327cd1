"""Print P(positive) for sentences, with a model from the sentiment lab's "Download for PyTorch" (or sentiment_rnn.py).

Loads the file's vocabulary and state_dict into chapter 9's RNNModel and reads each sentence exactly as the lab does.
Keep this file next to sentiment_rnn.py, which holds the model, the tokenizer and the loader. With PyTorch installed:

    python3 sentiment_predict.py sentiment-model.json "A wonderful, moving film." "Not good at all."
    python3 sentiment_predict.py sentiment-model.json < sentences.txt      # one sentence a line
    python3 sentiment_predict.py --json sentiment-model.json < sentences.txt  # a JSON list of probabilities
"""
import json
import sys

from sentiment_rnn import load_for_pytorch, predict


def main():
    args = sys.argv[1:]
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    if not args:
        sys.exit(__doc__)
    model, vocab = load_for_pytorch(args[0])
    sentences = args[1:] or [line.rstrip("\n") for line in sys.stdin if line.strip()]
    probabilities = predict(model, vocab, sentences) if sentences else []
    if as_json:
        print(json.dumps(probabilities))
    else:
        for p, sentence in zip(probabilities, sentences):
            print(f"{p:.4f}  {'positive' if p > 0.5 else 'negative'}  {sentence}")


if __name__ == "__main__":
    main()
