"""Chapter 9's "small synthetic check": the chapter's model (Embedding 100 -> RNN or GRU 128 -> Linear, packed
sequences, Adam 1e-3, clipping at 1.0, batch 64, 10 epochs, best validation loss kept) on reviews of filler words
with one sentiment word hidden among them. Prints each run's test accuracy; the chapter quotes these figures.

Run with Debian's PyTorch:  /usr/bin/python3 scripts/torch/chapter9_synthetic_check.py
"""
import random

import torch
import torch.nn as nn
import torch.optim as optim
from torch.nn.utils.rnn import pack_padded_sequence, pad_sequence

FILLERS = 500          # neutral filler words
SENTIMENT_WORDS = 20   # per class
MAX_LEN = 60           # filler words per review, drawn from 10..MAX_LEN
SIZES = {"train": 4000, "valid": 500, "test": 1000}
PAD = 0


def make_reviews(n, rng):
    """Each review: 10..MAX_LEN filler ids with one sentiment word at a uniformly random position; label 0 or 1."""
    reviews = []
    for _ in range(n):
        label = rng.randrange(2)
        words = [1 + rng.randrange(FILLERS) for _ in range(rng.randint(10, MAX_LEN))]
        sentiment = 1 + FILLERS + label * SENTIMENT_WORDS + rng.randrange(SENTIMENT_WORDS)
        words.insert(rng.randint(0, len(words)), sentiment)
        reviews.append((torch.tensor(words), label))
    return reviews


def batches(reviews, batch_size, shuffle, rng):
    order = list(range(len(reviews)))
    if shuffle:
        rng.shuffle(order)
    for i in range(0, len(order), batch_size):
        chunk = [reviews[j] for j in order[i:i + batch_size]]
        x = pad_sequence([words for words, _ in chunk], batch_first=True, padding_value=PAD)
        lengths = torch.tensor([len(words) for words, _ in chunk])
        y = torch.tensor([label for _, label in chunk])
        yield x, lengths, y


class Model(nn.Module):
    def __init__(self, cell, vocab_size, embed_dim=100, hidden_dim=128, output_dim=2):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=PAD)
        self.rnn = cell(embed_dim, hidden_dim, batch_first=True)
        self.fc = nn.Linear(hidden_dim, output_dim)

    def forward(self, x, lengths):
        packed = pack_padded_sequence(self.embedding(x), lengths, batch_first=True, enforce_sorted=False)
        _, hidden = self.rnn(packed)
        return self.fc(hidden.squeeze(0))


def evaluate(model, reviews, criterion):
    model.eval()
    total, correct = 0.0, 0
    with torch.no_grad():
        for x, lengths, y in batches(reviews, 256, False, None):
            logits = model(x, lengths)
            total += criterion(logits, y).item() * len(y)
            correct += (logits.argmax(dim=1) == y).sum().item()
    return total / len(reviews), correct / len(reviews)


def run(cell, seed):
    torch.manual_seed(seed)
    rng = random.Random(seed)
    data = {split: make_reviews(n, rng) for split, n in SIZES.items()}
    model = Model(cell, 1 + FILLERS + 2 * SENTIMENT_WORDS)
    optimizer = optim.Adam(model.parameters(), lr=1e-3)
    criterion = nn.CrossEntropyLoss()
    best_loss, best_state = float("inf"), None
    for _ in range(10):
        model.train()
        for x, lengths, y in batches(data["train"], 64, True, rng):
            optimizer.zero_grad()
            loss = criterion(model(x, lengths), y)
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            optimizer.step()
        valid_loss, _ = evaluate(model, data["valid"], criterion)
        if valid_loss < best_loss:
            best_loss, best_state = valid_loss, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    return evaluate(model, data["test"], criterion)[1]


if __name__ == "__main__":
    torch.set_num_threads(1)
    for name, cell in (("nn.RNN", nn.RNN), ("nn.GRU", nn.GRU)):
        accuracies = [run(cell, seed) for seed in range(3)]
        print(f"{name}: test accuracy " + ", ".join(f"{a:.1%}" for a in accuracies) + " (seeds 0, 1, 2)")
