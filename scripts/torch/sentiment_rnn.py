"""Chapter 9's sentiment classifier, whole: real review sentences in, a trained RNN and its test accuracy out.

The code of chapter 9 of Unrolled (an explorable course on recurrent neural networks), joined into one file: load
and split the sentences, tokenize, build a vocabulary, pad and pack batches, the outline's RNNModel, train, evaluate,
and save the model as JSON that the course's sentiment lab loads in the browser. The lab runs the same model written
with the course's own engine, and shows this file beside it with your settings in the block below.

Data: "Sentiment Labelled Sentences" (UCI Machine Learning Repository, data set 331; D. Kotzias, M. Denil,
N. de Freitas, P. Smyth, KDD 2015), CC BY 4.0. Download imdb_labelled.txt (or amazon_cells_labelled.txt,
yelp_labelled.txt) from the course's /data/sentiment-labelled-sentences/ and run, with PyTorch installed:

    python3 sentiment_rnn.py --data imdb_labelled.txt --out model.json
    python3 sentiment_rnn.py --data imdb_labelled.txt --test-data yelp_labelled.txt   # train on one, test on another
"""
import argparse
import json
import random
import re
import time
from collections import Counter

import torch
import torch.nn as nn
import torch.optim as optim
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence
from torch.utils.data import DataLoader, Dataset

# Settings (the lab writes yours here)
DATA = "imdb_labelled.txt"  # or amazon_cells_labelled.txt, yelp_labelled.txt
TEST_DATA = None            # another of the three files to test on: train on one, test on another
CELL = "rnn"                # "rnn", "gru" or "lstm"
EMBED_DIM = 100
HIDDEN_DIM = 128
EPOCHS = 10
LR = 1e-3
BATCH_SIZE = 32
SEED = 1                    # initial weights and batch order
SPLIT_SEED = 0              # which sentences train, validate and test: keep 0 to match the lab
MAX_LEN = 400               # tokens kept from the start of a long review


# Step 1: load the sentences and split them
def load_sentences(path):
    """Return a list of (text, label) pairs from a file of `sentence<TAB>label` lines; label 1 = positive."""
    examples = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                text, label = line.rstrip("\n").rsplit("\t", 1)
                examples.append((text, int(label)))
    return examples


def split(examples, seed=SPLIT_SEED, valid_fraction=0.1, test_fraction=0.1):
    """Shuffle with a fixed seed, then cut: the first 80% train, the next 10% validate, the last 10% test."""
    examples = list(examples)
    random.Random(seed).shuffle(examples)
    n_valid = int(len(examples) * valid_fraction)
    n_test = int(len(examples) * test_fraction)
    n_train = len(examples) - n_valid - n_test
    return examples[:n_train], examples[n_train:n_train + n_valid], examples[n_train + n_valid:]


# Step 2: tokenize
RULES = [(re.compile(pattern), replacement) for pattern, replacement in [
    (r"'", " '  "), (r'"', ""), (r"\.", " . "), (r"<br \/>", " "), (r",", " , "), (r"\(", " ( "),
    (r"\)", " ) "), (r"!", " ! "), (r"\?", " ? "), (r";", " "), (r":", " "), (r"\s+", " "),
]]


def tokenize(text):
    """torchtext's basic_english, rule for rule: lowercase, pad punctuation with spaces, drop the rest, split."""
    text = text.lower()
    for pattern, replacement in RULES:
        text = pattern.sub(replacement, text)
    return text.split()


# Step 3: build a vocabulary
UNK, PAD = "<unk>", "<pad>"


class Vocab:
    def __init__(self, itos):
        self.itos = list(itos)                                   # index -> string
        self.stoi = {tok: i for i, tok in enumerate(self.itos)}  # string -> index
        self.unk_index, self.pad_index = self.stoi[UNK], self.stoi[PAD]

    @classmethod
    def build(cls, token_lists, min_freq=1):
        counts = Counter(tok for tokens in token_lists for tok in tokens)
        ordered = sorted(counts, key=lambda tok: (-counts[tok], tok))   # most frequent first, ties alphabetical
        return cls([UNK, PAD] + [tok for tok in ordered if counts[tok] >= min_freq and tok not in (UNK, PAD)])

    def __len__(self):
        return len(self.itos)

    def encode(self, tokens):
        return [self.stoi.get(tok, self.unk_index) for tok in tokens]


# Step 4: batches, padding and packing
class ReviewDataset(Dataset):
    def __init__(self, examples, vocab, max_len=MAX_LEN):
        self.items = [
            (torch.tensor(vocab.encode(tokenize(text))[:max_len] or [vocab.unk_index]), label)
            for text, label in examples
        ]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]


def collate(batch, pad_index=1):
    ids, labels = zip(*batch)
    lengths = torch.tensor([len(x) for x in ids])
    padded = pad_sequence(ids, batch_first=True, padding_value=pad_index)   # 1 = <pad>
    return padded, lengths, torch.tensor(labels)


# Step 5: the model
CELLS = {"rnn": nn.RNN, "gru": nn.GRU, "lstm": nn.LSTM}


class RNNModel(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, output_dim, pad_index=1, cell=CELL):
        super().__init__()
        self.cell = cell
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_index)
        self.rnn = CELLS[cell](embed_dim, hidden_dim, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x, lengths):
        embedded = self.embedding(x)                       # (B, T, embed_dim)
        packed = pack_padded_sequence(
            embedded, lengths.cpu(), batch_first=True, enforce_sorted=False
        )
        _, hidden = self.rnn(packed)                       # hidden: (1, B, hidden_dim)
        if isinstance(hidden, tuple):                      # an LSTM returns (h_n, c_n)
            hidden = hidden[0]
        return self.fc(hidden.squeeze(0))                  # logits: (B, output_dim)


# Step 6: train and evaluate
def train_one_epoch(model, loader, optimizer, criterion):
    model.train()
    total_loss = 0.0
    for x, lengths, y in loader:
        optimizer.zero_grad()
        logits = model(x, lengths)
        loss = criterion(logits, y)
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
        optimizer.step()
        total_loss += loss.item() * len(y)
    return total_loss / len(loader.dataset)


@torch.no_grad()
def evaluate(model, loader, criterion):
    model.eval()
    total_loss, correct = 0.0, 0
    for x, lengths, y in loader:
        logits = model(x, lengths)
        total_loss += criterion(logits, y).item() * len(y)
        correct += (logits.argmax(dim=1) == y).sum().item()
    n = len(loader.dataset)
    return total_loss / n, correct / n


@torch.no_grad()
def predict(model, vocab, texts):
    """P(positive) for each text, read exactly as the training sentences were."""
    model.eval()
    x, lengths, _ = collate(ReviewDataset([(text, 0) for text in texts], vocab).items, vocab.pad_index)
    return torch.softmax(model(x, lengths), dim=1)[:, 1].tolist()


# The lab's file: the settings, the vocabulary and the state_dict, as JSON
def save_for_lab(model, vocab, path, trained):
    """Write the model as the lab's file: its sizes, the vocabulary and the state_dict, as JSON."""
    data = {
        "format": "unrolled-sentiment-rnn",
        "version": 1,
        "model": {
            "cell": model.cell, "vocab_size": len(vocab), "embed_dim": model.embedding.embedding_dim,
            "hidden_dim": model.rnn.hidden_size, "output_dim": model.fc.out_features,
            "pad_index": vocab.pad_index, "unk_index": vocab.unk_index,
        },
        "tokenizer": "basic_english",
        "max_len": MAX_LEN,
        "vocab": vocab.itos,
        "state_dict": {name: tensor.tolist() for name, tensor in model.state_dict().items()},
        "trained": trained,
    }
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f)


def load_for_pytorch(path):
    """The model and vocabulary in a file from the lab's "Download for PyTorch" (or from save_for_lab)."""
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if data.get("format") != "unrolled-sentiment-rnn":
        raise ValueError(f"{path} is not a sentiment model saved by Unrolled")
    m = data["model"]
    vocab = Vocab(data["vocab"])
    model = RNNModel(m["vocab_size"], m["embed_dim"], m["hidden_dim"], m["output_dim"], m["pad_index"], m["cell"])
    model.load_state_dict({name: torch.tensor(value) for name, value in data["state_dict"].items()})
    model.eval()
    return model, vocab


# Step 7: put it together
def run(data=DATA, test_data=TEST_DATA, cell=CELL, embed_dim=EMBED_DIM, hidden_dim=HIDDEN_DIM,
        epochs=EPOCHS, lr=LR, batch_size=BATCH_SIZE, seed=SEED):
    torch.manual_seed(seed)
    train_examples, valid_examples, test_examples = split(load_sentences(data))
    if test_data:                                          # train on one file, test on another's test split
        test_examples = split(load_sentences(test_data))[2]

    vocab = Vocab.build(tokenize(text) for text, _ in train_examples)

    def loader(examples, batch_size, shuffle=False):
        return DataLoader(ReviewDataset(examples, vocab), batch_size=batch_size, shuffle=shuffle,
                          collate_fn=lambda batch: collate(batch, vocab.pad_index))

    train_loader = loader(train_examples, batch_size, shuffle=True)
    valid_loader = loader(valid_examples, 256)
    test_loader = loader(test_examples, 256)

    model = RNNModel(len(vocab), embed_dim, hidden_dim, 2, vocab.pad_index, cell)
    optimizer = optim.Adam(model.parameters(), lr=lr)
    criterion = nn.CrossEntropyLoss()

    start = time.perf_counter()
    best_acc, best_epoch, best_state, best_time = -1.0, 0, None, 0.0
    for epoch in range(1, epochs + 1):
        train_loss = train_one_epoch(model, train_loader, optimizer, criterion)
        valid_loss, valid_acc = evaluate(model, valid_loader, criterion)
        if valid_acc > best_acc:                           # keep the epoch that validates best (chapter 8)
            best_acc, best_epoch, best_time = valid_acc, epoch, time.perf_counter() - start
            best_state = {name: t.clone() for name, t in model.state_dict().items()}
        print(f"epoch {epoch}: train loss {train_loss:.3f}, "
              f"valid loss {valid_loss:.3f}, valid acc {valid_acc:.1%}")

    model.load_state_dict(best_state)
    test_loss, test_acc = evaluate(model, test_loader, criterion)
    print(f"test accuracy {test_acc:.1%} (best validation accuracy {best_acc:.1%} after epoch {best_epoch}, "
          f"reached in {best_time:.1f} s)")
    trained = {"by": f"PyTorch {torch.__version__}", "data": data, "test_data": test_data or data,
               "split_seed": SPLIT_SEED, "seed": seed, "epochs": epochs, "lr": lr, "batch_size": batch_size,
               "best_epoch": best_epoch, "valid_accuracy": best_acc, "test_accuracy": test_acc}
    return model, vocab, trained


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=DATA, help="sentences to train, validate and test on")
    parser.add_argument("--test-data", default=TEST_DATA, help="test on this file's test split instead")
    parser.add_argument("--cell", default=CELL, choices=sorted(CELLS))
    parser.add_argument("--embed-dim", type=int, default=EMBED_DIM)
    parser.add_argument("--hidden-dim", type=int, default=HIDDEN_DIM)
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", help="save the best model here as JSON, for the lab or sentiment_predict.py")
    args = parser.parse_args()
    model, vocab, trained = run(args.data, args.test_data, args.cell, args.embed_dim, args.hidden_dim,
                                args.epochs, args.lr, args.batch_size, args.seed)
    if args.out:
        save_for_lab(model, vocab, args.out, trained)
        print(f"saved {args.out}")


if __name__ == "__main__":
    main()
